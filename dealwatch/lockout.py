"""The page django-axes answers with while a login is locked out."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cooloff = settings.AXES_COOLOFF_TIME.total_seconds()
    response = render(request, "lockout.html", {"minutes": round(cooloff / 60)}, status=429)
    response["Retry-After"] = str(round(cooloff))
    return response


def client_ip(request) -> str:
    """The address logins are counted by. Behind DJANGO_PROXY_COUNT proxies
    of our own, REMOTE_ADDR is the nearest proxy's, the same for everyone:
    the client's is then the one the outermost proxy added to
    X-Forwarded-For, counted from the right, where a client cannot forge it."""
    count = settings.PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "")

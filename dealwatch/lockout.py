"""The page django-axes answers with while a login is locked out."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cooloff = settings.AXES_COOLOFF_TIME.total_seconds()
    response = render(request, "lockout.html", {"minutes": round(cooloff / 60)}, status=429)
    response["Retry-After"] = str(round(cooloff))
    return response

"""Fetching an article's page from the link a curator pasted, safely.

The server fetches what a curator (or anyone who steals a curator's session)
names, so it must not become a way into the machines around it: only http
and https; every hop's host is resolved and refused unless all its addresses
are public (loopback, private, link-local, shared, reserved and multicast
addresses are not), and the connection goes to the address that was checked,
so a second DNS answer cannot swap it; at most 5 redirects, 10 s in all, 5 MB
read, HTML only. settings.LINK_FETCH_ALLOWED_ADDRESSES names the "host:port"
addresses let through anyway (empty by default; the tests' local server).
"""

import http.client
import ipaddress
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
TIMEOUT = 10.0  # seconds, for the whole fetch, redirects included
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "dealwatch/1.0 (link preview for the archive's curators)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """The page could not be fetched; ``str()`` says why in one line."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    html: bytes
    charset: str | None


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _allowed(host: str, port: int) -> bool:
    return f"{host}:{port}" in getattr(settings, "LINK_FETCH_ALLOWED_ADDRESSES", ())


# Name lookups run here, so that a slow resolver counts against the fetch's
# time like the rest: the lookup has no timeout of its own.
_resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="link-fetch-dns")


def resolve(host: str, port: int, deadline: float) -> str:
    """The address to connect to for ``host``, once every address it has is
    known to be public (or the host:port is allowed by the settings)."""
    lookup = _resolver.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = lookup.result(timeout=_remaining(deadline))
    except FuturesTimeout:
        raise _too_slow() from None
    except (socket.gaierror, UnicodeError):
        raise FetchError(_("The site %(host)s could not be found.") % {"host": host}) from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise FetchError(_("The site %(host)s could not be found.") % {"host": host})
    if not _allowed(host, port) and not all(_is_public(address) for address in addresses):
        raise FetchError(
            _("The address of %(host)s is not a public one: it was not fetched.") % {"host": host}
        )
    return addresses[0]


class _Connection(http.client.HTTPConnection):
    """Connects to the address already checked, not to a fresh DNS answer."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _TLSConnection(_Connection):
    def connect(self):
        super().connect()
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def _too_slow() -> FetchError:
    return FetchError(
        _("The site took more than %(seconds)s seconds to answer.") % {"seconds": int(TIMEOUT)}
    )


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _too_slow()
    return left


def _read_body(response: http.client.HTTPResponse, sock, deadline: float) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > MAX_BYTES:
        raise _too_large()
    chunks, size = [], 0
    while True:
        if sock is not None:
            sock.settimeout(_remaining(deadline))
        chunk = response.read1(64 * 1024)
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BYTES:
            raise _too_large()
        chunks.append(chunk)
        _remaining(deadline)
    return b"".join(chunks)


def _too_large() -> FetchError:
    return FetchError(
        _("The page is larger than %(megabytes)s MB: it was not read.")
        % {"megabytes": MAX_BYTES // (1024 * 1024)}
    )


def fetch(url: str) -> FetchedPage:
    """The HTML page at ``url``, following at most MAX_REDIRECTS redirects.
    Raises FetchError, with a one-line reason, for anything else."""
    deadline = time.monotonic() + TIMEOUT
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(_("Only http and https links can be fetched."))
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError(_("The link's port is not valid.")) from None
        address = resolve(parts.hostname, port, deadline)
        connection_class = _TLSConnection if parts.scheme == "https" else _Connection
        connection = connection_class(parts.hostname, port, address, _remaining(deadline))
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        try:
            connection.request(
                "GET",
                target,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml",
                    "Accept-Encoding": "identity",
                },
            )
            response = connection.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FetchError(
                    _("The site answered %(status)s %(reason)s instead of the page.")
                    % {"status": response.status, "reason": response.reason}
                )
            content_type = response.getheader("Content-Type", "")
            media_type = content_type.split(";", 1)[0].strip().lower()
            if media_type not in HTML_TYPES:
                raise FetchError(
                    _("The link leads to %(type)s, not to a web page.")
                    % {"type": media_type or _("something unnamed")}
                )
            body = _read_body(response, connection.sock, deadline)
            return FetchedPage(url=url, html=body, charset=response.headers.get_content_charset())
        except TimeoutError:
            raise _too_slow() from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(
                _("The site could not be reached (%(error)s).")
                % {"error": error.__class__.__name__}
            ) from None
        finally:
            connection.close()
    raise FetchError(_("The link redirects more than %(count)s times.") % {"count": MAX_REDIRECTS})

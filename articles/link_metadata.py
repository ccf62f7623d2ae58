"""What a fetched article page says about itself, and what its link is.

The metadata come from trafilatura (title, author, site name, canonical
link: Open Graph, JSON-LD, Dublin Core and the page's own markup) and the
publication date from htmldate, which both know far more of the web's
habits than a parser of our own would. The language is the page's declared
one (``<html lang>``, else ``og:locale``).
"""

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import htmldate
import trafilatura
from lxml import html as lxml_html
from trafilatura.utils import decode_file

from .link_fetch import FetchedPage
from .locale_data import language_codes

# Query parameters that say how a reader came, not which page it is.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "xtor", "at_medium"}
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")


@dataclass(frozen=True)
class PageMetadata:
    url: str
    title: str = ""
    author: str = ""
    site_name: str = ""
    language: str = ""
    published_on: datetime.date | None = None

    def is_empty(self) -> bool:
        # The site name alone does not count: trafilatura falls back on the host.
        return not (self.title or self.author or self.published_on)


def _declared_language(tree) -> str:
    declared = tree.xpath("string(/html/@lang)") or tree.xpath(
        "string(//meta[@property='og:locale']/@content)"
    )
    code = declared.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in language_codes() else ""


def extract(page: FetchedPage) -> PageMetadata:
    """The metadata of ``page``; empty fields for what it does not say."""
    text = page.html.decode(page.charset) if page.charset else decode_file(page.html)
    try:
        tree = lxml_html.fromstring(text)
    except (ValueError, lxml_html.etree.ParserError):
        return PageMetadata(url=clean_url(page.url))
    found = trafilatura.extract_metadata(
        tree, default_url=page.url, date_config={"extensive_search": False}
    )
    date = htmldate.find_date(tree, extensive_search=False, original_date=True)
    canonical = found.url if found.url and urlsplit(found.url).scheme in ("http", "https") else ""
    return PageMetadata(
        url=clean_url(canonical or page.url),
        title=(found.title or "").strip(),
        author=(found.author or "").strip(),
        site_name=(found.sitename or "").strip(),
        language=_declared_language(tree),
        published_on=datetime.date.fromisoformat(date) if date else None,
    )


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def clean_url(url: str) -> str:
    """``url`` without its tracking parameters and fragment, its host in
    lower case: the link the archive keeps."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), "")
    )


def domain_of(url: str) -> str:
    """The host of ``url``, in lower case, without ``www.``."""
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def same_page_urls(url: str) -> list[str]:
    """The links the archive may hold for the page at ``url``: either scheme,
    with or without ``www.`` and a trailing slash, without tracking
    parameters. Looked up together through the unique index on the link."""
    parts = urlsplit(clean_url(url))
    host = domain_of(url)
    if parts.port:
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/")
    variants = []
    for scheme in ("https", "http"):
        for netloc in (host, f"www.{host}"):
            for tail in (path, f"{path}/"):
                variants.append(urlunsplit((scheme, netloc, tail or "/", parts.query, "")))
    return list(dict.fromkeys(variants))

"""The filtered deal list as CSV or JSON, streamed: /export/deals.csv and
/export/deals.json take the same parameters as /deals/ (and its order).

Rows are read with ``iterator(chunk_size=...)``, bids and bidders prefetched a
chunk at a time, and written as they come, so a large export starts at once
and memory stays flat however many deals it holds.

CSV: UTF-8 with a byte-order mark (so that spreadsheets read accents right),
one row per deal, the columns of CSV_COLUMNS. Several values in one cell are
separated by "; ", the bidders of a joint bid joined by " & ". A cell starting
with = + - @ (or a tab or carriage return) gets a leading ' so that a
spreadsheet shows it as text instead of running it as a formula.

JSON: an object ``{"results": [deal, ...]}``, each deal::

    {
      "slug": "tiktok-us",
      "url": "https://…/deals/tiktok-us/",
      "title": "…",
      "status": {"code": "blocked", "label": "Blocked"},
      "type": {"code": "forced_sale", "label": "Forced sale"},
      "target": {"slug": "tiktok", "name": "TikTok"},
      "seller": {"slug": "bytedance", "name": "ByteDance"} or null,
      "bids": [{"bidders": [{"slug": …, "name": …}, …],
                "status": {"code": …, "label": …},
                "amount": "1000000.00" or null, "currency": "USD" or null,
                "submitted_on": "2020-08-02" or null, "resolved_on": … or null}, …],
      "countries": [{"code": "US", "name": "United States"}, …],
      "announced_on": "2020-08-06" or null, "closed_on": … or null,
      "value": "68700000000.00" or null, "currency": "USD" or null,
      "summary": "…"
    }

Dates are ISO 8601; amounts are decimal strings (a JSON number would lose
the cents of large values in JavaScript); labels follow the request's language.
"""

import csv
import json

from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header

from .filters import DealFilterSet
from .models import Bid, Company, Deal
from .syndication import invalid_filters_response

CHUNK_SIZE = 500

CSV_COLUMNS = [
    "slug",
    "title",
    "status",
    "status_label",
    "type",
    "type_label",
    "target",
    "seller",
    "bidders",
    "countries",
    "country_names",
    "announced_on",
    "closed_on",
    "value",
    "currency",
    "url",
]

# What a spreadsheet would read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def deals_csv(request):
    return _export(request, _csv_lines, "text/csv; charset=utf-8", "dealwatch-deals.csv")


def deals_json(request):
    return _export(request, _json_chunks, "application/json", "dealwatch-deals.json")


def _export(request, write, content_type, filename):
    filterset = DealFilterSet(request.GET, queryset=Deal.objects.all())
    # Asked before the response starts: a streamed one cannot turn into a 400.
    if not filterset.is_valid():
        return invalid_filters_response(filterset)
    deals = _for_export(filterset.qs).iterator(chunk_size=CHUNK_SIZE)
    return StreamingHttpResponse(
        _in_language(translation.get_language(), write(deals, request)),
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def _for_export(deals):
    """Deals with their parties (one query a chunk for bids, one for bidders);
    the search vectors, never exported, are left in the database."""
    parties = Company.objects.only("pk", "slug", "name")
    bids = Bid.objects.order_by("submitted_on", "pk").prefetch_related(
        Prefetch("bidders", queryset=parties)
    )
    return (
        deals.select_related("target", "seller")
        .defer("search_vector", "target__search_vector", "seller__search_vector")
        .prefetch_related(Prefetch("bids", queryset=bids))
    )


def _in_language(language, chunks):
    # The response is written after the view returns: keep the request's
    # language for the labels.
    with translation.override(language):
        yield from chunks


class _Echo:
    """A file-like object whose write() returns the line csv.writer made."""

    def write(self, value):
        return value


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_lines(deals, request):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for deal in deals:
        parties = dict.fromkeys(
            " & ".join(company.name for company in bid.bidders.all()) for bid in deal.bids.all()
        )
        row = [
            deal.slug,
            deal.title,
            deal.status,
            deal.get_status_display(),
            deal.deal_type,
            deal.get_deal_type_display(),
            deal.target.name,
            deal.seller.name if deal.seller else "",
            "; ".join(party for party in parties if party),
            "; ".join(country.code for country in deal.countries),
            "; ".join(country.name for country in deal.countries),
            _iso(deal.announced_on) or "",
            _iso(deal.closed_on) or "",
            "" if deal.value is None else str(deal.value),
            deal.currency,
            request.build_absolute_uri(deal.get_absolute_url()),
        ]
        yield writer.writerow([_cell(value) for value in row])


def _json_chunks(deals, request):
    yield '{"results": ['
    for number, deal in enumerate(deals):
        yield ("," if number else "") + "\n" + json.dumps(_deal_json(deal, request))
    yield "\n]}\n"


def _deal_json(deal, request) -> dict:
    return {
        "slug": deal.slug,
        "url": request.build_absolute_uri(deal.get_absolute_url()),
        "title": deal.title,
        "status": {"code": deal.status, "label": deal.get_status_display()},
        "type": {"code": deal.deal_type, "label": deal.get_deal_type_display()},
        "target": _company_json(deal.target),
        "seller": _company_json(deal.seller) if deal.seller else None,
        "bids": [
            {
                "bidders": [_company_json(company) for company in bid.bidders.all()],
                "status": {"code": bid.status, "label": bid.get_status_display()},
                "amount": _decimal(bid.amount),
                "currency": bid.currency or None,
                "submitted_on": _iso(bid.submitted_on),
                "resolved_on": _iso(bid.resolved_on),
            }
            for bid in deal.bids.all()
        ],
        "countries": [{"code": c.code, "name": str(c.name)} for c in deal.countries],
        "announced_on": _iso(deal.announced_on),
        "closed_on": _iso(deal.closed_on),
        "value": _decimal(deal.value),
        "currency": deal.currency or None,
        "summary": deal.summary,
    }


def _company_json(company) -> dict:
    return {"slug": company.slug, "name": company.name}


def _iso(date):
    return date.isoformat() if date else None


def _decimal(amount):
    return None if amount is None else str(amount)

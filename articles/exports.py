"""The filtered deal list as CSV or JSON, streamed: /export/deals.csv and
/export/deals.json take the same parameters as /deals/ (and its order).

On PostgreSQL the database writes the rows itself (articles.export_sql): the
CSV through ``COPY (SELECT …) TO STDOUT``, the JSON one object per deal from
``json_build_object``, passed along in blocks of 64 KiB. Elsewhere (SQLite)
Python writes them from the ORM's rows, read ``CHUNK_SIZE`` deals at a time
with their bids, bidders and reviews. Both write the same rows; either way memory
stays flat however many deals an export holds.

How many deals follow is counted first, in the same snapshot as the rows
(a REPEATABLE READ transaction on PostgreSQL), and sent in the ``X-Deal-Count``
header; the JSON repeats it in a last member, ``"count"``. An export is
complete only when the rows received match it: the CSV holds exactly that
many rows after its header line, the JSON that many results and its
``"count"``. An export that fails midway is logged and its connection cut, so
an HTTP/1.1 client sees the chunked body unfinished; but a proxy may hide
that, hence the count. (A last CSV row saying "end" would be read by every
spreadsheet as a deal: the count travels in a header instead.)

A process streams at most ``settings.EXPORTS_PER_PROCESS`` exports at once;
one more is answered 503 with ``Retry-After``, so that downloads never take
every thread serving pages (gunicorn.conf.py).

CSV: UTF-8 with a byte-order mark (so that spreadsheets read accents right),
lines ending in a line feed, one row per deal, the columns of CSV_COLUMNS.
Several values in one cell are separated by "; ", the bidders of a joint bid
joined by " & ", each review as "CMA: Prohibited (2023-04-26)" (the
authority's short name, the status, the decision's date). A cell starting
with = + - @ (or a tab or carriage return) gets a leading ' so that a
spreadsheet shows it as text instead of running it as a formula.

JSON: an object ``{"results": [deal, ...], "count": N}``, each deal::

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
      "reviews": [{"authority": {"slug": "cma", "name": …, "short_name": "CMA" or null},
                   "case_reference": "M.10646" or null,
                   "kind": {"code": …, "label": …}, "phase": {"code": …, "label": …} or null,
                   "status": {"code": "prohibited", "label": "Prohibited"},
                   "opened_on": … or null, "phase_started_on": … or null,
                   "decided_on": … or null, "remedies": "…"}, …],
      "countries": [{"code": "US", "name": "United States"}, …],
      "announced_on": "2020-08-06" or null, "closed_on": … or null,
      "value": "68700000000.00" or null, "currency": "USD" or null,
      "summary": "…"
    }

Dates are ISO 8601; amounts are decimal strings (a JSON number would lose
the cents of large values in JavaScript); labels follow the request's language.
"""

import contextlib
import csv
import datetime
import json
import logging
import threading
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django_countries import countries

from . import dialect, export_sql
from .filters import DealFilterSet
from .models import Bid, Company, Deal, Review
from .syndication import invalid_filters_response

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500  # deals read at a time by the portable path
BLOCK_SIZE = 64 * 1024  # bytes sent at a time from the database's rows
COUNT_HEADER = "X-Deal-Count"
RETRY_AFTER_SECONDS = 10

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
    "reviews",
]


class _Slots:
    """The exports this process is streaming, at most EXPORTS_PER_PROCESS."""

    def __init__(self):
        self._lock = threading.Lock()
        self.taken = 0

    def take(self) -> bool:
        with self._lock:
            if self.taken >= settings.EXPORTS_PER_PROCESS:
                return False
            self.taken += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self.taken -= 1


SLOTS = _Slots()


@dataclass(frozen=True)
class _Format:
    content_type: str
    filename: str
    from_database: Any  # (connection, statement) -> chunks
    statement: Any  # export_sql's function
    portable: Any  # (deals, request) -> chunks


def deals_csv(request):
    return _export(request, CSV)


def deals_json(request):
    return _export(request, JSON)


def _export(request, kind: _Format):
    filterset = DealFilterSet(request.GET, queryset=Deal.objects.all())
    # Asked before the response starts: a streamed one cannot turn into a 400.
    if not filterset.is_valid():
        return invalid_filters_response(filterset)
    if not SLOTS.take():
        return _busy(request)
    with contextlib.ExitStack() as resources:
        resources.callback(SLOTS.give_back)
        deals = filterset.qs
        resources.enter_context(_snapshot(deals.db))
        count = deals.count()
        body: Iterable[bytes | str] = ()  # HEAD: the count alone, the export's size
        if request.method != "HEAD":
            chunks = _chunks(request, kind, filterset, deals, resources)
            # From here the body owns the snapshot and the slot.
            body = _Body(request, chunks, count, resources.pop_all())
    response = StreamingHttpResponse(
        body,
        content_type=kind.content_type,
        headers={"Content-Disposition": content_disposition_header(True, kind.filename)},
    )
    response[COUNT_HEADER] = str(count)
    return response


def _chunks(request, kind: _Format, filterset, deals, resources) -> Iterator[bytes | str]:
    if dialect.of(deals.db).writes_exports:
        statement = kind.statement(deals, filterset.ordering(), _words(request))
        return kind.from_database(connections[deals.db], statement)
    rows = _for_export(deals).iterator(chunk_size=CHUNK_SIZE)
    # Its cursor closes before the snapshot ends, even when a row fails.
    resources.callback(rows.close)
    return _in_language(translation.get_language(), kind.portable(rows, request))


def _busy(request) -> HttpResponse:
    message = gettext(
        "Too many exports are being written at the moment: try again in a few seconds."
    )
    response = HttpResponse(message + "\n", status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Expected under load, not a server error: one warning, and Django's
    # request logger (which mails 5xx answers to the admins) is told it was logged.
    logger.warning("Export %s refused: %d already streaming", request.get_full_path(), SLOTS.taken)
    response._has_been_logged = True  # type: ignore[attr-defined]  # Django's own flag
    return response


@contextlib.contextmanager
def _snapshot(using: str):
    """The count and the rows read at one moment, whatever curators save
    meanwhile; read only, so always rolled back."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and dialect.of(using).snapshot_reads:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield
        transaction.set_rollback(True, using=using)


class _Body:
    """An export's body. When the server closes the response, read to the end
    or not, the database's COPY ends, then the snapshot, then the slot is
    given back. A failure midway is logged and never passed off as
    complete: the exception reaches the server, which cuts the connection."""

    def __init__(self, request, chunks: Iterator, count: int, resources: contextlib.ExitStack):
        self.path = request.get_full_path()
        self.count = count
        self.resources = resources
        self._chunks = self._logged(chunks)

    def __iter__(self):
        return self._chunks

    def _logged(self, chunks: Iterator[bytes | str]) -> Generator[bytes | str]:
        try:
            yield from chunks
        except GeneratorExit:
            logger.info("Export %s (%d deals) stopped before its end", self.path, self.count)
            raise
        except Exception:
            logger.exception(
                "Export %s (%d deals) failed midway; the response was cut", self.path, self.count
            )
            raise

    def close(self) -> None:
        try:
            self._chunks.close()
        finally:
            self.resources.close()


def _words(request) -> export_sql.Words:
    """Labels, country names and the deals' URLs in the request's language."""
    marker = "deal-slug"
    url = request.build_absolute_uri(reverse("articles:deal_detail", kwargs={"slug": marker}))
    url_start, _marker, url_end = url.rpartition(marker)
    return export_sql.Words(
        deal_statuses={code: str(label) for code, label in Deal.Status.choices},
        deal_types={code: str(label) for code, label in Deal.Type.choices},
        bid_statuses={code: str(label) for code, label in Bid.Status.choices},
        review_statuses={code: str(label) for code, label in Review.Status.choices},
        review_kinds={code: str(label) for code, label in Review.Kind.choices},
        review_phases={code: str(label) for code, label in Review.Phase.choices},
        country_names={code: str(name) for code, name in countries},
        url_start=url_start,
        url_end=url_end,
    )


def _csv_header() -> str:
    return "\ufeff" + csv.writer(_Echo(), lineterminator="\n").writerow(CSV_COLUMNS)


@contextlib.contextmanager
def _copy_out(connection, statement: str):
    """psycopg's COPY TO STDOUT on Django's connection, its errors Django's.
    Left before its end (the client went away), it cancels the statement."""
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        yield copy


def _csv_from_database(connection, statement: str) -> Iterator[bytes]:
    yield _csv_header().encode()
    with _copy_out(connection, statement) as copy:
        block = bytearray()
        for row in copy:  # one CSV line each
            block += row
            if len(block) >= BLOCK_SIZE:
                yield bytes(block)
                block.clear()
        yield bytes(block)


def _json_from_database(connection, statement: str) -> Iterator[bytes]:
    yield b'{"results": ['
    rows = sent = 0
    with _copy_out(connection, statement) as copy:
        block = bytearray()
        for deal in copy:  # a JSON object and a line feed
            block += deal
            rows += 1
            if len(block) >= BLOCK_SIZE:
                yield _json_lines(block, first=not sent)
                sent = rows
                block.clear()
        yield _json_lines(block, first=not sent)
    yield _json_end(rows).encode()


def _json_lines(block: bytearray, *, first: bool) -> bytes:
    """Objects one a line, as the portable path writes them: ",\n" between
    them. JSON text never holds a raw line feed, so each one ends an object."""
    if not block:
        return b""
    return (b"\n" if first else b",\n") + bytes(block[:-1]).replace(b"\n", b",\n")


def _json_end(rows: int) -> str:
    return f'\n], "count": {rows}}}\n'


def _for_export(deals):
    """Deals with their parties and reviews (one query a chunk for bids, one
    for bidders, one for reviews with their authority); the search vectors,
    never exported, are left in the database."""
    parties = Company.objects.only("pk", "slug", "name").order_by("name", "pk")
    bids = Bid.objects.order_by("submitted_on", "pk").prefetch_related(
        Prefetch("bidders", queryset=parties)
    )
    return (
        deals.select_related("target", "seller")
        .defer("search_vector", "target__search_vector", "seller__search_vector")
        .prefetch_related(
            Prefetch("bids", queryset=bids),
            Prefetch("reviews", queryset=Review.objects.select_related("authority").order_by()),
        )
    )


def _reviews_in_order(deal) -> list:
    """The deal's reviews as the database orders them: by opening, then
    decision (unknown dates last), then id."""
    return sorted(
        deal.reviews.all(),
        key=lambda r: (
            r.opened_on is None,
            r.opened_on or datetime.date.min,
            r.decided_on is None,
            r.decided_on or datetime.date.min,
            r.pk,
        ),
    )


def _review_cell(review) -> str:
    decided = f" ({review.decided_on.isoformat()})" if review.decided_on else ""
    return f"{review.authority.label}: {review.get_status_display()}{decided}"


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
    return export_sql.neutralised(value) if isinstance(value, str) else value


def _csv_lines(deals, request):
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield _csv_header()
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
            "; ".join(_review_cell(review) for review in _reviews_in_order(deal)),
        ]
        yield writer.writerow([_cell(value) for value in row])


def _json_chunks(deals, request):
    yield '{"results": ['
    rows = 0
    for deal in deals:
        yield ("," if rows else "") + "\n" + json.dumps(_deal_json(deal, request))
        rows += 1
    yield _json_end(rows)


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
        "reviews": [_review_json(review) for review in _reviews_in_order(deal)],
        "countries": [{"code": c.code, "name": str(c.name)} for c in deal.countries],
        "announced_on": _iso(deal.announced_on),
        "closed_on": _iso(deal.closed_on),
        "value": _decimal(deal.value),
        "currency": deal.currency or None,
        "summary": deal.summary,
    }


def _review_json(review) -> dict:
    authority = review.authority
    return {
        "authority": {
            "slug": authority.slug,
            "name": authority.name,
            "short_name": authority.short_name or None,
        },
        "case_reference": review.case_reference or None,
        "kind": {"code": review.kind, "label": review.get_kind_display()},
        "phase": (
            {"code": review.phase, "label": review.get_phase_display()} if review.phase else None
        ),
        "status": {"code": review.status, "label": review.get_status_display()},
        "opened_on": _iso(review.opened_on),
        "phase_started_on": _iso(review.phase_started_on),
        "decided_on": _iso(review.decided_on),
        "remedies": review.remedies,
    }


def _company_json(company) -> dict:
    return {"slug": company.slug, "name": company.name}


def _iso(date):
    return date.isoformat() if date else None


def _decimal(amount):
    return None if amount is None else str(amount)


CSV = _Format(
    "text/csv; charset=utf-8",
    "dealwatch-deals.csv",
    _csv_from_database,
    export_sql.csv_rows,
    _csv_lines,
)
JSON = _Format(
    "application/json",
    "dealwatch-deals.json",
    _json_from_database,
    export_sql.json_objects,
    _json_chunks,
)

"""The exports as PostgreSQL writes them: one statement for the whole
filtered deal list, its CSV rows sent by ``COPY (SELECT …) TO STDOUT`` and its
JSON objects built by ``json_build_object``, so that Python only passes bytes
along (articles.exports streams them).

The deals, and their order, come from the filter set's own query; every cell
and member is the one the portable path in articles.exports writes, the
labels and country names in the request's language (``Words``).

Each statement reads the exported deals once (``deals``, numbered in the
list's order), then their bids, bidders, companies, reviews and authorities
in a few joins over
those deals alone: a subquery per deal or per bid would cost PostgreSQL tens
of microseconds each, seconds over 100,000 deals.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.db.backends.postgresql.operations import DatabaseOperations
from django.db.models import QuerySet, Window
from django.db.models.functions import RowNumber

from .models import Authority, Bid, Company, Deal, Review

# What a spreadsheet would read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Words:
    """What an export writes in the reader's language, read in the view
    (the response is written after it returns)."""

    deal_statuses: dict[str, str]
    deal_types: dict[str, str]
    bid_statuses: dict[str, str]
    review_statuses: dict[str, str]
    review_kinds: dict[str, str]
    review_phases: dict[str, str]
    country_names: dict[str, str]
    # A deal's absolute URL is url_start + slug + url_end.
    url_start: str
    url_end: str


def csv_rows(deals: QuerySet, ordering: Iterable, words: Words) -> str:
    """``COPY … TO STDOUT`` of the CSV rows (without the header line), the
    parameters bound: COPY takes none of its own."""
    cells = [
        _cell("d.slug"),
        _cell("d.title"),
        _cell("d.status"),
        "%s::jsonb ->> d.status",  # the labels are neutralised below, once
        _cell("d.deal_type"),
        "%s::jsonb ->> d.deal_type",
        _cell("t.name"),
        _cell("s.name"),
        _cell("parties.names"),
        _cell("replace(d.countries, ',', '; ')"),
        _cell("countries.names"),
        # Digits first: dates, and a value never negative (a constraint).
        "to_char(d.announced_on, 'YYYY-MM-DD')",
        "to_char(d.closed_on, 'YYYY-MM-DD')",
        "d.value::text",
        _cell("d.currency"),
        "%s || d.slug || %s",  # starts with url_start, neutralised below
        _cell("reviews.names"),
    ]
    sql = f"""
        WITH deals (id, position) AS MATERIALIZED ({{deals}}),
        bid_parties AS (
            SELECT b.deal_id, b.submitted_on, b.id,
                   string_agg(c.name, ' & ' ORDER BY c.name, c.id) AS party
            FROM deals
            JOIN {{bid}} b ON b.deal_id = deals.id
            JOIN {{bid_bidders}} bb ON bb.bid_id = b.id
            JOIN {{company}} c ON c.id = bb.company_id
            GROUP BY b.id
        ),
        -- A party that bid several times is named once, where it first bid.
        first_bids AS (
            SELECT DISTINCT ON (deal_id, party) deal_id, party, submitted_on, id
            FROM bid_parties
            ORDER BY deal_id, party, submitted_on, id
        ),
        deal_parties AS (
            SELECT deal_id, string_agg(party, '; ' ORDER BY submitted_on, id) AS names
            FROM first_bids
            GROUP BY deal_id
        ),
        -- "CMA: Prohibited (2023-04-26); FTC: Under review".
        deal_reviews AS (
            SELECT r.deal_id, string_agg(
                COALESCE(NULLIF(a.short_name, ''), a.name) || ': '
                || COALESCE(%s::jsonb ->> r.status, r.status)
                || COALESCE(' (' || to_char(r.decided_on, 'YYYY-MM-DD') || ')', ''),
                '; ' ORDER BY r.opened_on NULLS LAST, r.decided_on NULLS LAST, r.id) AS names
            FROM deals
            JOIN {{review}} r ON r.deal_id = deals.id
            JOIN {{authority}} a ON a.id = r.authority_id
            GROUP BY r.deal_id
        )
        SELECT {", ".join(f"NULLIF({cell}, '')" for cell in cells)}
        FROM deals
        JOIN {{deal}} d ON d.id = deals.id
        JOIN {{company}} t ON t.id = d.target_id
        LEFT JOIN {{company}} s ON s.id = d.seller_id
        LEFT JOIN deal_parties parties ON parties.deal_id = d.id
        LEFT JOIN deal_reviews reviews ON reviews.deal_id = d.id
        -- An aggregate: computed once a row (not once per mention in its
        -- cell), and remembered for a string of codes already seen.
        CROSS JOIN LATERAL (
            SELECT string_agg(COALESCE(%s::jsonb ->> code, ''), '; ' ORDER BY position) AS names
            FROM unnest(string_to_array(d.countries, ',')) WITH ORDINALITY AS codes (code, position)
        ) countries
        ORDER BY deals.position
    """
    params = [
        json.dumps(words.review_statuses),
        json.dumps(_neutralised(words.deal_statuses)),
        json.dumps(_neutralised(words.deal_types)),
        neutralised(words.url_start),
        words.url_end,
        json.dumps(words.country_names),
    ]
    return "COPY (" + _compose(sql, deals, ordering, params) + ") TO STDOUT (FORMAT csv)"


def json_objects(deals: QuerySet, ordering: Iterable, words: Words) -> str:
    """``COPY … TO STDOUT`` of one JSON object a line, a deal each, as
    PostgreSQL wrote it: nothing escaped. (In COPY's CSV format a field is
    quoted only when it holds the delimiter, the quote character, a carriage
    return or a line feed: with control characters for the first two, which
    JSON text never holds raw, no more than the last two, none is.)"""
    sql = """
        WITH deals (id, position) AS MATERIALIZED ({deals}),
        bids AS (
            SELECT b.deal_id, b.submitted_on, b.id,
                json_build_object(
                    'bidders', COALESCE(
                        json_agg(json_build_object('slug', c.slug, 'name', c.name)
                                 ORDER BY c.name, c.id) FILTER (WHERE c.id IS NOT NULL),
                        '[]'::json),
                    'status', json_build_object(
                        'code', b.status, 'label', COALESCE(%s::jsonb ->> b.status, b.status)),
                    'amount', b.amount::text,
                    'currency', NULLIF(b.currency, ''),
                    'submitted_on', to_char(b.submitted_on, 'YYYY-MM-DD'),
                    'resolved_on', to_char(b.resolved_on, 'YYYY-MM-DD')
                ) AS bid
            FROM deals
            JOIN {bid} b ON b.deal_id = deals.id
            LEFT JOIN {bid_bidders} bb ON bb.bid_id = b.id
            LEFT JOIN {company} c ON c.id = bb.company_id
            GROUP BY b.id
        ),
        deal_bids AS (
            SELECT deal_id, json_agg(bid ORDER BY submitted_on, id) AS list
            FROM bids
            GROUP BY deal_id
        ),
        deal_reviews AS (
            SELECT r.deal_id, json_agg(json_build_object(
                'authority', json_build_object(
                    'slug', a.slug, 'name', a.name, 'short_name', NULLIF(a.short_name, '')),
                'case_reference', NULLIF(r.case_reference, ''),
                'kind', json_build_object(
                    'code', r.kind, 'label', COALESCE(%s::jsonb ->> r.kind, r.kind)),
                'phase', CASE WHEN r.phase <> '' THEN json_build_object(
                    'code', r.phase, 'label', COALESCE(%s::jsonb ->> r.phase, r.phase)) END,
                'status', json_build_object(
                    'code', r.status, 'label', COALESCE(%s::jsonb ->> r.status, r.status)),
                'opened_on', to_char(r.opened_on, 'YYYY-MM-DD'),
                'phase_started_on', to_char(r.phase_started_on, 'YYYY-MM-DD'),
                'decided_on', to_char(r.decided_on, 'YYYY-MM-DD'),
                'remedies', r.remedies
            ) ORDER BY r.opened_on NULLS LAST, r.decided_on NULLS LAST, r.id) AS list
            FROM deals
            JOIN {review} r ON r.deal_id = deals.id
            JOIN {authority} a ON a.id = r.authority_id
            GROUP BY r.deal_id
        )
        SELECT json_build_object(
            'slug', d.slug,
            'url', %s || d.slug || %s,
            'title', d.title,
            'status', json_build_object(
                'code', d.status, 'label', COALESCE(%s::jsonb ->> d.status, d.status)),
            'type', json_build_object(
                'code', d.deal_type, 'label', COALESCE(%s::jsonb ->> d.deal_type, d.deal_type)),
            'target', json_build_object('slug', t.slug, 'name', t.name),
            'seller', CASE WHEN s.id IS NOT NULL
                           THEN json_build_object('slug', s.slug, 'name', s.name) END,
            'bids', COALESCE(deal_bids.list, '[]'::json),
            'reviews', COALESCE(deal_reviews.list, '[]'::json),
            'countries', countries.list,
            'announced_on', to_char(d.announced_on, 'YYYY-MM-DD'),
            'closed_on', to_char(d.closed_on, 'YYYY-MM-DD'),
            'value', d.value::text,
            'currency', NULLIF(d.currency, ''),
            'summary', d.summary
        )
        FROM deals
        JOIN {deal} d ON d.id = deals.id
        JOIN {company} t ON t.id = d.target_id
        LEFT JOIN {company} s ON s.id = d.seller_id
        LEFT JOIN deal_bids ON deal_bids.deal_id = d.id
        LEFT JOIN deal_reviews ON deal_reviews.deal_id = d.id
        CROSS JOIN LATERAL (
            SELECT COALESCE(
                json_agg(json_build_object('code', code, 'name', COALESCE(%s::jsonb ->> code, ''))
                         ORDER BY position),
                '[]'::json) AS list
            FROM unnest(string_to_array(d.countries, ',')) WITH ORDINALITY AS codes (code, position)
        ) countries
        ORDER BY deals.position
    """
    params = [
        json.dumps(words.bid_statuses),
        json.dumps(words.review_kinds),
        json.dumps(words.review_phases),
        json.dumps(words.review_statuses),
        words.url_start,
        words.url_end,
        json.dumps(words.deal_statuses),
        json.dumps(words.deal_types),
        json.dumps(words.country_names),
    ]
    return (
        "COPY (" + _compose(sql, deals, ordering, params) + ") TO STDOUT "
        "(FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')"
    )


def neutralised(text: str) -> str:
    """Text a spreadsheet would run as a formula, with a leading '."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _neutralised(words: dict[str, str]) -> dict[str, str]:
    return {code: neutralised(word) for code, word in words.items()}


def _cell(expression: str) -> str:
    """A CSV cell as the portable path writes it: text a spreadsheet would
    run as a formula gets a leading '. The first character is compared by
    its code, which ascii() gives for any character: cheaper than comparing
    texts. (Every cell is then NULLIF(…, ''): COPY writes NULL as nothing,
    but an empty string as "", which the portable path does not.)"""
    starts = ", ".join(str(ord(start)) for start in FORMULA_STARTS)
    quote = "''''"  # SQL for the text '
    return (
        f"CASE WHEN ascii({expression}) IN ({starts}) "
        f"THEN {quote} || {expression} ELSE {expression} END"
    )


def _compose(sql: str, deals: QuerySet, ordering: Iterable, params: list) -> str:
    """The statement with the filtered deals' ids and positions, and every
    parameter bound by psycopg on the client side (quoted as literals)."""
    numbered = (
        deals.order_by()
        .annotate(export_position=Window(RowNumber(), order_by=list(ordering)))
        .values_list("pk", "export_position")
    )
    deals_sql, deals_params = numbered.query.sql_with_params()
    connection = connections[deals.db]
    ops = connection.ops
    assert isinstance(ops, DatabaseOperations)  # PostgreSQL's, which binds on the client
    quote = ops.quote_name
    tables = {
        "deal": quote(Deal._meta.db_table),
        "bid": quote(Bid._meta.db_table),
        "bid_bidders": quote(Bid.bidders.through._meta.db_table),
        "company": quote(Company._meta.db_table),
        "review": quote(Review._meta.db_table),
        "authority": quote(Authority._meta.db_table),
    }
    # The ids' query comes first in the statement, then the parameters above
    # (inserted last: its SQL is not a format string).
    statement = sql.format(deals="{deals}", **tables).replace("{deals}", deals_sql)
    return ops.compose_sql(statement, [*deals_params, *params])

"""A synthetic archive for the benchmark: deterministic for a seed, shaped like
a real one, loaded in bulk.

The shape: a few giant acquirers bid on thousands of deals while most companies
appear a handful of times; a fifth of the bids are joint; deals span one to
four countries; every status and type occurs; one deal in a thousand has a long
timeline (hundreds of bids, deadlines and articles). On PostgreSQL the rows go
in through COPY; SQLite (for the tiny smoke run) gets batched inserts.

A load ends with a marker, a source that names the scale and seed and records
the highest id it wrote of each kind of record: anything with a higher id was
added afterwards. What no load accounts for is a curated record
(curated_records), which the generate_archive command refuses to delete unless
told to in so many words.
"""

import contextlib
import datetime
import itertools
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.db import connection, transaction
from django.db.models import Max, Model

from articles import status_history, tallies
from articles.models import (
    Article,
    Authority,
    Bid,
    BidStatusPeriod,
    Company,
    Deadline,
    Deal,
    DealStatusPeriod,
    Review,
    ReviewStatusPeriod,
    ReviewSuspension,
    Source,
)

MARKER_SLUG = "synthetic-archive"
# The marker's homepage records what the load wrote, e.g.
# https://synthetic-archive.invalid/?company=300&deal=1000&... (highest ids).
EXTENT_URL = "https://synthetic-archive.invalid/"


@dataclass(frozen=True)
class Scale:
    deals: int
    companies: int
    articles: int
    sources: int
    bids_per_deal: float = 3.0
    deadlines_per_deal: float = 1.0


SCALES = {
    "tiny": Scale(deals=1_000, companies=300, articles=2_000, sources=20),
    "small": Scale(deals=10_000, companies=2_000, articles=20_000, sources=100),
    "medium": Scale(deals=100_000, companies=20_000, articles=200_000, sources=500),
    "large": Scale(deals=1_000_000, companies=200_000, articles=2_000_000, sources=2_000),
}

GIANTS = 20  # companies that bid on thousands of deals at the large scale
GIANT_SHARE = 0.05  # of all bidder slots
REGULAR_SHARE = 0.45  # of all bidder slots, to the next 5% of companies

COUNTRY_WEIGHTS = {
    "US": 30,
    "GB": 10,
    "DE": 7,
    "FR": 7,
    "CN": 7,
    "JP": 5,
    "CA": 5,
    "IN": 4,
    "AU": 3,
    "IT": 3,
    "ES": 3,
    "NL": 3,
    "CH": 2,
    "SE": 2,
    "BR": 2,
    "KR": 2,
    "SG": 2,
    "IE": 1,
    "NZ": 1,
    "MX": 1,
    "BE": 1,
    "NO": 1,
    "DK": 1,
    "FI": 1,
    "PL": 1,
    "ZA": 1,
    "AE": 1,
}
DEAL_STATUS_WEIGHTS = {
    Deal.Status.RUMOURED: 8,
    Deal.Status.IN_TALKS: 6,
    Deal.Status.ANNOUNCED: 10,
    Deal.Status.PENDING_APPROVAL: 8,
    Deal.Status.COMPLETED: 50,
    Deal.Status.ABANDONED: 12,
    Deal.Status.BLOCKED: 6,
}
DEAL_TYPE_WEIGHTS = {
    Deal.Type.ACQUISITION: 55,
    Deal.Type.MERGER: 12,
    Deal.Type.DIVESTITURE: 10,
    Deal.Type.FORCED_SALE: 2,
    Deal.Type.MINORITY_STAKE: 10,
    Deal.Type.PARTNERSHIP: 6,
    Deal.Type.JOINT_VENTURE: 5,
}
FINAL_BID_STATUS = {
    Deal.Status.COMPLETED: Bid.Status.COMPLETED,
    Deal.Status.ABANDONED: Bid.Status.WITHDRAWN,
    Deal.Status.BLOCKED: Bid.Status.LAPSED,
}
LOSING_BID_STATUSES = [Bid.Status.REJECTED, Bid.Status.WITHDRAWN, Bid.Status.LAPSED]
OPEN_BID_STATUSES = [Bid.Status.RUMOURED, Bid.Status.SUBMITTED]

# The authorities that review the synthetic deals: (name, short name,
# jurisdiction, kind). Each deal reviewed is so by those of its countries.
AUTHORITIES = [
    ("Competition and Markets Authority", "CMA", "GB", Authority.Kind.COMPETITION),
    ("European Commission (DG Competition)", "DG COMP", "EU", Authority.Kind.COMPETITION),
    ("Federal Trade Commission", "FTC", "US", Authority.Kind.COMPETITION),
    ("Antitrust Division, Department of Justice", "DOJ", "US", Authority.Kind.COMPETITION),
    (
        "Committee on Foreign Investment in the United States",
        "CFIUS",
        "US",
        Authority.Kind.FOREIGN_INVESTMENT,
    ),
    ("State Administration for Market Regulation", "SAMR", "CN", Authority.Kind.COMPETITION),
    ("Japan Fair Trade Commission", "JFTC", "JP", Authority.Kind.COMPETITION),
    ("Competition Bureau", "CB", "CA", Authority.Kind.COMPETITION),
    ("Competition Commission of India", "CCI", "IN", Authority.Kind.COMPETITION),
    ("Australian Competition and Consumer Commission", "ACCC", "AU", Authority.Kind.COMPETITION),
]
EU_MEMBERS = {"DE", "FR", "IT", "ES", "NL", "SE", "IE", "BE", "DK", "FI", "PL"}
REVIEWED_SHARE = 0.4  # of the deals that went to (or past) approval
IN_DEPTH_AFTER = datetime.timedelta(days=35)
REVIEWED_DEAL_STATUSES = {
    Deal.Status.PENDING_APPROVAL,
    Deal.Status.COMPLETED,
    Deal.Status.BLOCKED,
    Deal.Status.ABANDONED,
}

NAME_STARTS = [
    "Al",
    "Bel",
    "Cor",
    "Dra",
    "Ev",
    "Fin",
    "Gal",
    "Hel",
    "Ix",
    "Jun",
    "Kor",
    "Lum",
    "Mar",
    "Nor",
    "Or",
    "Pra",
    "Quin",
    "Ros",
    "Sol",
    "Tar",
    "Ul",
    "Ver",
    "Wex",
    "Xan",
    "Zen",
]
NAME_ENDS = ["a", "ar", "ex", "is", "on", "ia", "ium", "ora", "ent", "ix", "ova", "us", "ane"]
NAME_SUFFIXES = [
    "Holdings",
    "Group",
    "Industries",
    "Systems",
    "Capital",
    "Energy",
    "Foods",
    "Media",
    "Pharma",
    "Logistics",
    "Telecom",
    "Bank",
    "Motors",
]
SECTORS = [
    "semiconductor",
    "retail",
    "banking",
    "streaming",
    "software",
    "airline",
    "pharmaceutical",
    "steel",
    "insurance",
    "telecoms",
    "video-game",
    "grocery",
]
EN_VERBS = [
    "buys",
    "agrees to buy",
    "bids for",
    "weighs offer for",
    "drops bid for",
    "wins approval to buy",
    "sells stake in",
    "merges with",
]
FR_VERBS = [
    "rachète",
    "lance une offre sur",
    "renonce au rachat de",
    "finalise le rachat de",
    "cède sa participation dans",
    "fusionne avec",
]
FR_WORDS = [
    "rachat",
    "rachats",
    "offre",
    "offres",
    "cession",
    "régulateur",
    "autorité",
    "concurrence",
    "actionnaires",
    "échéance",
    "décret",
    "acquisition",
]
EN_WORDS = [
    "takeover",
    "regulator",
    "antitrust",
    "shareholders",
    "deadline",
    "offer",
    "bidders",
    "review",
    "approval",
    "divestiture",
    "valuation",
    "board",
]


def weighted(rng: random.Random, weights: dict) -> Callable[[], object]:
    """A picker drawing from ``weights`` with the given generator."""
    values, cumulative = list(weights), list(itertools.accumulate(weights.values()))
    return lambda: rng.choices(values, cum_weights=cumulative)[0]


class ArchiveGenerator:
    """Yields the rows of every table, in an order that respects foreign keys."""

    def __init__(self, scale: Scale, seed: int, today: datetime.date):
        self.scale, self.today = scale, today
        self.rng = random.Random(seed)
        self.pick_country = weighted(self.rng, COUNTRY_WEIGHTS)
        self.pick_status = weighted(self.rng, DEAL_STATUS_WEIGHTS)
        self.pick_type = weighted(self.rng, DEAL_TYPE_WEIGHTS)
        regulars = max(1, scale.companies // 20)
        self.giants = range(1, GIANTS + 1)
        self.regulars = range(GIANTS + 1, GIANTS + 1 + regulars)
        self.tail = range(GIANTS + 1 + regulars, scale.companies + 1)
        self.company_names: dict[int, str] = {}
        self.authorities_in: dict[str, list[int]] = {}
        for pk, (_name, _short, jurisdiction, _kind) in enumerate(AUTHORITIES, 1):
            self.authorities_in.setdefault(jurisdiction, []).append(pk)
        self.first_day = datetime.date(1995, 1, 1)
        self.days = (today - self.first_day).days

    # Companies and sources ------------------------------------------------

    def sources(self) -> Iterator[tuple]:
        for pk in range(1, self.scale.sources + 1):
            yield (pk, f"Synthetic Wire {pk}", f"syn-wire-{pk}", f"https://wire{pk}.example/")

    def companies(self) -> Iterator[tuple]:
        rng = self.rng
        for pk in range(1, self.scale.companies + 1):
            name = (
                f"{rng.choice(NAME_STARTS)}{rng.choice(NAME_ENDS)} {rng.choice(NAME_SUFFIXES)} {pk}"
            )
            self.company_names[pk] = name
            parent = rng.randrange(1, pk) if pk > GIANTS and rng.random() < 0.1 else None
            yield (
                pk,
                name,
                f"syn-company-{pk}",
                self.pick_country(),
                parent,
                f"https://company{pk}.example/",
                f"A {rng.choice(SECTORS)} company.",
            )

    def bidder(self) -> int:
        roll = self.rng.random()
        if roll < GIANT_SHARE:
            return self.rng.choice(self.giants)
        if roll < GIANT_SHARE + REGULAR_SHARE or not self.tail:
            return self.rng.choice(self.regulars)
        return self.rng.choice(self.tail)

    # Deals, with their bids and deadlines --------------------------------

    def deals(self) -> Iterator[tuple[tuple, list[tuple], list[tuple], list[tuple]]]:
        """Each deal row with its bids (row, bidder ids), deadline and review
        rows. Ids of bids, deadlines and reviews are allocated here, in order."""
        rng, scale = self.rng, self.scale
        bid_ids, deadline_ids = itertools.count(1), itertools.count(1)
        review_ids = itertools.count(1)
        for pk in range(1, scale.deals + 1):
            long_story = pk % 1000 == 7
            target = rng.randrange(GIANTS + 1, scale.companies + 1)
            seller = self.bidder() if rng.random() < 0.3 else None
            if seller == target:
                seller = None
            status, deal_type = self.pick_status(), self.pick_type()
            announced = self.first_day + datetime.timedelta(days=rng.randrange(self.days))
            closed = None
            if status in FINAL_BID_STATUS:
                closed = min(
                    self.today, announced + datetime.timedelta(days=rng.randrange(30, 700))
                )
            value = round(rng.lognormvariate(19, 2.2), -3) if rng.random() < 0.7 else None
            countries = ",".join(
                sorted({self.pick_country() for _ in range(rng.choice((1, 1, 1, 2, 3, 4)))})
            )
            target_name = self.company_names[target]
            sector = rng.choice(SECTORS)
            deal = (
                pk,
                f"{rng.choice(['Takeover of', 'Bid for', 'Sale of', 'Merger with'])} {target_name}",
                f"syn-deal-{pk}",
                target,
                seller,
                countries,
                deal_type,
                status,
                announced,
                closed,
                value,
                "USD" if value is not None else "",
                f"A {sector} deal: " + ", ".join(rng.choice(EN_WORDS) for _ in range(3)) + ".",
            )
            bid_count = (
                rng.randrange(150, 400)
                if long_story
                else min(10, round(rng.expovariate(1 / scale.bids_per_deal)))
            )
            bids = [
                self._bid(next(bid_ids), pk, status, announced, closed, last=(n == bid_count - 1))
                for n in range(bid_count)
            ]
            deadline_count = (
                rng.randrange(100, 300)
                if long_story
                else min(5, round(rng.expovariate(1 / scale.deadlines_per_deal)))
            )
            deadlines = self._deadlines(
                [next(deadline_ids) for _ in range(deadline_count)], pk, status, announced
            )
            reviews = []
            if status in REVIEWED_DEAL_STATUSES and rng.random() < REVIEWED_SHARE:
                reviews = self._reviews(review_ids, pk, status, announced, closed, countries)
            yield deal, bids, deadlines, reviews

    def _bid(self, pk, deal, deal_status, announced, closed, last):
        rng = self.rng
        bidders = {self.bidder() for _ in range(rng.choice((1, 1, 1, 1, 2, 2, 3)))}
        submitted = announced + datetime.timedelta(days=rng.randrange(0, 200))
        if last and deal_status in FINAL_BID_STATUS:
            status = FINAL_BID_STATUS[deal_status]
        elif deal_status in FINAL_BID_STATUS:
            status = rng.choice(LOSING_BID_STATUSES)
        else:
            status = rng.choice(OPEN_BID_STATUSES)
        resolved = None
        if status not in OPEN_BID_STATUSES:
            resolved = max(submitted, closed or submitted)
        amount = round(rng.lognormvariate(19, 2.2), -3) if rng.random() < 0.5 else None
        row = (
            pk,
            deal,
            status,
            "",
            amount,
            "USD" if amount is not None else "",
            submitted,
            resolved,
            "Offer in cash." if rng.random() < 0.3 else "",
        )
        return row, sorted(bidders)

    def _deadlines(self, ids, deal, deal_status, announced):
        rng, rows = self.rng, []
        is_open = deal_status in Deal.OPEN_STATUSES
        due = announced + datetime.timedelta(days=rng.randrange(20, 120))
        for position, pk in enumerate(ids):
            slips = position < len(ids) - 1 and rng.random() < 0.3
            if slips:
                status, extended_to = Deadline.Status.EXTENDED, ids[position + 1]
            elif due >= self.today or is_open:
                status, extended_to = Deadline.Status.PENDING, None
            else:
                status, extended_to = (
                    rng.choice(
                        [Deadline.Status.MET, Deadline.Status.MISSED, Deadline.Status.LIFTED]
                    ),
                    None,
                )
            kind = rng.choice(Deadline.Kind.values)
            rows.append(
                (
                    pk,
                    deal,
                    f"{Deadline.Kind(kind).label} {position + 1}",
                    kind,
                    due,
                    "Synthetic regulator",
                    status,
                    extended_to,
                    "",
                )
            )
            due += datetime.timedelta(days=rng.randrange(5, 90))
        return rows

    # Authorities and their reviews -----------------------------------------

    def authorities(self) -> Iterator[tuple]:
        for pk, (name, short_name, jurisdiction, kind) in enumerate(AUTHORITIES, 1):
            slug = f"syn-authority-{short_name.lower().replace(' ', '-')}"
            yield (pk, name, short_name, slug, jurisdiction, kind, "", None)

    def _reviews(self, ids, deal, deal_status, announced, closed, countries) -> list[tuple]:
        """One to three reviews by authorities of the deal's countries (or
        any), decided as the deal ended: the first prohibits a blocked deal."""
        rng = self.rng
        codes = set(countries.split(","))
        reviewers = [pk for code in codes for pk in self.authorities_in.get(code, [])]
        if codes & EU_MEMBERS:
            reviewers += self.authorities_in["EU"]
        reviewers = sorted(set(reviewers)) or [rng.randrange(1, len(AUTHORITIES) + 1)]
        chosen = rng.sample(reviewers, min(len(reviewers), rng.choice((1, 1, 2, 3))))
        rows = []
        for position, authority in enumerate(chosen):
            opened = min(self.today, announced + datetime.timedelta(days=rng.randrange(0, 60)))
            in_depth = rng.random() < 0.3
            if deal_status == Deal.Status.PENDING_APPROVAL:
                status = Review.Status.IN_DEPTH if in_depth else Review.Status.UNDER_REVIEW
            elif deal_status == Deal.Status.BLOCKED and position == 0:
                status = Review.Status.PROHIBITED
            elif deal_status == Deal.Status.ABANDONED:
                status = rng.choice([Review.Status.ABANDONED] * 3 + [Review.Status.WITHDRAWN])
            else:
                status = rng.choice(
                    [Review.Status.CLEARED] * 6 + [Review.Status.CLEARED_WITH_REMEDIES]
                )
            decided = None
            if status not in Review.OPEN_STATUSES:
                decided = opened + datetime.timedelta(days=rng.randrange(25, 400))
                decided = max(opened, min(decided, closed or self.today, self.today))
            kind = (
                Review.Kind.FOREIGN_INVESTMENT
                if AUTHORITIES[authority - 1][3] == Authority.Kind.FOREIGN_INVESTMENT
                else Review.Kind.MERGER_CONTROL
            )
            phase = Review.Phase.PHASE_2 if in_depth else Review.Phase.PHASE_1
            # An open review in depth went there about five weeks (phase 1) in.
            phase_started = None
            if status == Review.Status.IN_DEPTH:
                phase_started = min(self.today, opened + IN_DEPTH_AFTER)
            rows.append(
                (
                    next(ids),
                    deal,
                    authority,
                    "",
                    kind,
                    phase,
                    opened,
                    phase_started,
                    status,
                    decided,
                )
            )
        return rows

    # Articles --------------------------------------------------------------

    def articles(self) -> Iterator[tuple[tuple, list[int], list[int]]]:
        """Each article row with the deals it covers and companies it mentions."""
        rng, scale = self.rng, self.scale
        long_stories = list(range(7, scale.deals + 1, 1000))
        for pk in range(1, scale.articles + 1):
            french = rng.random() < 0.3
            deal = (
                rng.choice(long_stories)
                if long_stories and rng.random() < 0.05
                else rng.randrange(1, scale.deals + 1)
            )
            company = self.bidder()
            name = self.company_names[company]
            if french:
                origin = rng.choice(["français", "européen", "américain"])
                title = f"{name} {rng.choice(FR_VERBS)} un groupe {origin}"
                summary = " ".join(rng.choice(FR_WORDS) for _ in range(12))
            else:
                title = f"{name} {rng.choice(EN_VERBS)} {rng.choice(SECTORS)} rival"
                summary = " ".join(rng.choice(EN_WORDS) for _ in range(12))
            published = self.first_day + datetime.timedelta(days=rng.randrange(self.days))
            row = (
                pk,
                title,
                f"syn-article-{pk}",
                f"https://news.example/{pk}",
                rng.randrange(1, scale.sources + 1),
                "fr" if french else "en",
                published,
                "",
                summary,
            )
            yield row, [deal], [company]


class Loader:
    """Writes rows to a table: COPY on PostgreSQL, batched INSERT elsewhere."""

    batch = 5_000

    def __init__(self, cursor):
        self.cursor = cursor
        self.postgres = connection.vendor == "postgresql"

    def load(self, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
        count = 0
        if self.postgres:
            copy_sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with self.cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
        for chunk in itertools.batched(rows, self.batch):
            self.cursor.executemany(sql, chunk)
            count += len(chunk)
        return count


# Dependents first. The load writes no clock stops: any there are curated.
ARCHIVE_MODELS = [
    Article,
    Deadline,
    ReviewSuspension,
    Review,
    Authority,
    Bid,
    Deal,
    Company,
    Source,
]


def _marker() -> Source | None:
    return Source.objects.filter(slug=MARKER_SLUG).first()


def existing_marker() -> str | None:
    marker = _marker()
    return marker.name if marker else None


# Bumped when the generator writes other data for a seed, so that an archive
# of an older generator is replaced rather than kept: 2 added the reviews.
GENERATOR_VERSION = 2


def marker_name(scale_name: str, seed: int) -> str:
    return f"Synthetic archive ({scale_name}, seed {seed}, generator {GENERATOR_VERSION})"


def loaded_extent() -> dict[type[Model], int] | None:
    """The highest id of each kind of record the synthetic load wrote, or None
    without a marker that records it (no load, or one from before loads
    recorded it). The marker itself is the load's last source."""
    marker = _marker()
    if marker is None or not marker.homepage.startswith(EXTENT_URL):
        return None
    recorded = dict(parse_qsl(urlsplit(marker.homepage).query))
    by_name = {model._meta.model_name: model for model in ARCHIVE_MODELS}
    try:
        extent = {by_name[name]: int(highest) for name, highest in recorded.items()}
    except (KeyError, ValueError):
        return None
    return {**extent, Source: marker.pk}


def curated_records() -> dict[type[Model], int]:
    """How many records of each kind no synthetic load accounts for: all of
    them without a marker, else those added after the load. Only kinds with
    such records are listed."""
    extent = loaded_extent() or {}
    curated: dict[type[Model], int] = {}
    for model in reversed(ARCHIVE_MODELS):
        records = model.objects.all()
        if model in extent:
            records = records.filter(pk__gt=extent[model])
        if count := records.count():
            curated[model] = count
    return curated


def archive_is_empty() -> bool:
    return not any(model.objects.exists() for model in ARCHIVE_MODELS)


def clear_archive() -> None:
    """Empty every archive table (the benchmark database only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Checks deferred by the caller's transaction (a test's) would
            # otherwise stop the truncate.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            tables = ", ".join(model._meta.db_table for model in ARCHIVE_MODELS)
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        else:
            for periods in (DealStatusPeriod, BidStatusPeriod, ReviewStatusPeriod):
                cursor.execute(f"DELETE FROM {periods._meta.db_table}")
            for model in ARCHIVE_MODELS:
                for field in model._meta.many_to_many:
                    cursor.execute(f"DELETE FROM {field.remote_field.through._meta.db_table}")
            cursor.execute(f"UPDATE {Deadline._meta.db_table} SET extended_to_id = NULL")
            cursor.execute(f"UPDATE {Company._meta.db_table} SET parent_id = NULL")
            cursor.execute(f"UPDATE {Authority._meta.db_table} SET parent_id = NULL")
            for model in ARCHIVE_MODELS:
                cursor.execute(f"DELETE FROM {model._meta.db_table}")


def generate(scale_name: str, seed: int, progress: Callable[..., Callable]) -> dict:
    """Load a synthetic archive into an empty database; return row counts.

    ``progress(label, total, unit="rows")`` starts a phase and returns a
    function to call with each step count.
    """
    scale = SCALES[scale_name]
    generator = ArchiveGenerator(scale, seed, today=datetime.date.today())
    counts = {}
    now = datetime.datetime.now(datetime.UTC)

    def tracked(label, total, rows):
        advance = progress(label, total)
        for row in rows:
            advance(1)
            yield row

    with transaction.atomic(), connection.cursor() as raw, _derived_once_loaded(raw, progress):
        loader = Loader(raw)
        counts["sources"] = loader.load(
            Source._meta.db_table,
            ["id", "name", "slug", "homepage"],
            tracked("sources", scale.sources, generator.sources()),
        )
        counts["companies"] = loader.load(
            Company._meta.db_table,
            ["id", "name", "slug", "country", "parent_id", "website", "description"],
            tracked("companies", scale.companies, generator.companies()),
        )

        counts["authorities"] = loader.load(
            Authority._meta.db_table,
            ["id", "name", "short_name", "slug", "jurisdiction", "kind", "website", "parent_id"],
            generator.authorities(),
        )

        # Bids, deadlines and reviews are collected while the deals stream
        # in: one COPY at a time per connection.
        bids, bid_bidders, deadlines, reviews = [], [], [], []

        def deals():
            for deal, deal_bids, deal_deadlines, deal_reviews in generator.deals():
                for bid, bidders in deal_bids:
                    bids.append(bid)
                    bid_bidders.extend((bid[0], company) for company in bidders)
                deadlines.extend(deal_deadlines)
                reviews.extend(deal_reviews)
                yield (*deal, now, now)

        counts["deals"] = loader.load(
            Deal._meta.db_table,
            [
                "id",
                "title",
                "slug",
                "target_id",
                "seller_id",
                "countries",
                "deal_type",
                "status",
                "announced_on",
                "closed_on",
                "value",
                "currency",
                "summary",
                "created_at",
                "updated_at",
            ],
            tracked("deals", scale.deals, deals()),
        )
        counts["bids"] = loader.load(
            Bid._meta.db_table,
            [
                "id",
                "deal_id",
                "status",
                "countries",
                "amount",
                "currency",
                "submitted_on",
                "resolved_on",
                "note",
            ],
            tracked("bids", len(bids), bids),
        )
        counts["bid_bidders"] = loader.load(
            Bid.bidders.through._meta.db_table,
            ["bid_id", "company_id"],
            tracked("bid bidders", len(bid_bidders), bid_bidders),
        )
        bids.clear()
        bid_bidders.clear()
        # A deadline points to its successor, which comes later in the list:
        # load them all first, then link.
        links = [(row[7], row[0]) for row in deadlines if row[7]]
        counts["deadlines"] = loader.load(
            Deadline._meta.db_table,
            [
                "id",
                "deal_id",
                "label",
                "kind",
                "due_on",
                "set_by",
                "status",
                "extended_to_id",
                "note",
            ],
            tracked("deadlines", len(deadlines), ((*row[:7], None, row[8]) for row in deadlines)),
        )
        _link_deadlines(raw, links)
        deadlines.clear()
        counts["reviews"] = loader.load(
            Review._meta.db_table,
            [
                "id",
                "deal_id",
                "authority_id",
                "case_reference",
                "kind",
                "phase",
                "opened_on",
                "phase_started_on",
                "status",
                "decided_on",
                "remedies",
                "note",
                "updated_at",
            ],
            tracked("reviews", len(reviews), ((*row, "", "", now) for row in reviews)),
        )
        reviews.clear()
        # The deals', bids' and reviews' status periods, from their dates, in SQL.
        added = status_history.fill_all(
            advance=progress("status periods", len(status_history.FILL_SQL), "tables")
        )
        for kind in ("deal", "bid", "review"):
            counts[f"{kind}_status_periods"] = added[kind]

        article_deals, article_companies = [], []

        def articles():
            for row, deal_ids, company_ids in generator.articles():
                article_deals.extend((row[0], deal) for deal in deal_ids)
                article_companies.extend((row[0], company) for company in company_ids)
                yield (*row, now, now)

        counts["articles"] = loader.load(
            Article._meta.db_table,
            [
                "id",
                "title",
                "slug",
                "url",
                "source_id",
                "language",
                "published_on",
                "author",
                "summary",
                "created_at",
                "updated_at",
            ],
            tracked("articles", scale.articles, articles()),
        )
        counts["article_deals"] = loader.load(
            Article.deals.through._meta.db_table,
            ["article_id", "deal_id"],
            tracked("article deals", len(article_deals), article_deals),
        )
        counts["article_companies"] = loader.load(
            Article.companies.through._meta.db_table,
            ["article_id", "company_id"],
            tracked("article companies", len(article_companies), article_companies),
        )
        _reset_sequences(raw)
        extent = {
            str(model._meta.model_name): model.objects.aggregate(highest=Max("pk"))["highest"] or 0
            for model in ARCHIVE_MODELS
            if model is not Source  # the marker is the last source
        }
        Source.objects.create(
            name=marker_name(scale_name, seed),
            slug=MARKER_SLUG,
            homepage=f"{EXTENT_URL}?{urlencode(extent)}",
        )
    if connection.vendor == "postgresql":
        # Fresh statistics (or the planner guesses on tables it thinks are
        # empty) and a visibility map, for index-only scans. VACUUM cannot
        # run inside a transaction (a caller's, such as a test's): then only
        # the statistics.
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        advance = progress(statement.lower(), 1, "step")
        with connection.cursor() as cursor:
            cursor.execute(statement)
        advance(1)
    return counts


@contextlib.contextmanager
def _derived_once_loaded(cursor, progress: Callable[..., Callable]) -> Iterator[None]:
    """The rows PostgreSQL derives per deal (companies' roles, review spans)
    derived once the archive is loaded: their insert triggers would derive
    every deal loaded so far again at each COPY (at 100k deals, 40 of the
    load's 230 seconds)."""
    if connection.vendor != "postgresql":
        yield
        return
    derived = (tallies.COMPANY_DEALS, tallies.REVIEW_SPANS)
    for rows in derived:
        for table, trigger in rows.insert_triggers():
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
    yield
    advance = progress("company roles, review spans", len(derived), "tables")
    # A table's triggers change only once its deferred foreign-key checks
    # have run: run them now, then defer the rest again (Django's default).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    for rows in derived:
        for table, trigger in rows.insert_triggers():
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        cursor.execute(rows.derive_all_sql())
        advance(1)


def _link_deadlines(cursor, links: list[tuple[int, int]]) -> None:
    table = Deadline._meta.db_table
    if connection.vendor == "postgresql":
        cursor.execute(
            "CREATE TEMP TABLE deadline_links (successor bigint, id bigint) ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY deadline_links (successor, id) FROM STDIN") as copy:
            for link in links:
                copy.write_row(link)
        cursor.execute(
            f"UPDATE {table} d SET extended_to_id = l.successor "
            "FROM deadline_links l WHERE d.id = l.id"
        )
        # Not left for the commit: a caller's transaction (a test's) may load twice.
        cursor.execute("DROP TABLE deadline_links")
    else:
        cursor.executemany(f"UPDATE {table} SET extended_to_id = %s WHERE id = %s", links)


def _reset_sequences(cursor) -> None:
    """Explicit ids were loaded: move each id sequence past them."""
    if connection.vendor != "postgresql":
        return
    models = [
        *ARCHIVE_MODELS,
        Bid.bidders.through,
        Article.deals.through,
        Article.companies.through,
    ]
    for model in models:
        table = model._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        )

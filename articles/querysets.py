"""Read logic for the archive: what a list page needs, what "upcoming" means.

Each name is said once here, so that views, feeds and exports agree.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter
from typing import Any, NamedTuple

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models
from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import dialect, record_versions
from .freshness import cached
from .locale_data import language_name
from .search_text import SEARCH_CONFIG, normalise, parse_terms


def _model(name: str):
    # The models import these querysets, so they are looked up lazily.
    return apps.get_model("articles", name)


class StringToArray(models.Func):
    function = "string_to_array"
    output_field = ArrayField(models.TextField())


def today() -> datetime.date:
    return timezone.localdate()


class CompanyQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Companies whose name contains ``text``, exact and prefix matches first
        (then by name, and by id among namesakes so that pages never overlap)."""
        text = text.strip()
        return (
            self.filter(name__icontains=text)
            .annotate(
                match_rank=models.Case(
                    models.When(name__iexact=text, then=0),
                    models.When(name__istartswith=text, then=1),
                    default=2,
                )
            )
            .order_by("match_rank", "name", "pk")
        )

    def holding(self, role: str | None):
        """Companies that hold ``role`` in some deal ("buyer": made a bid,
        alone or jointly; "seller"; "target"), every company for None. Each
        an EXISTS through the index of that role's column."""
        if role is None:
            return self.all()
        if role == "buyer":
            held = _model("Bid").bidders.through.objects.filter(company=models.OuterRef("pk"))
        else:
            held = _model("Deal").objects.filter(**{role: models.OuterRef("pk")})
        return self.filter(models.Exists(held))

    def nearest(self, text: str, size: int = 5, tries: int = 4):
        """Up to ``size`` companies whose name holds the longest start of
        ``text`` that any name holds, tried ``tries`` times, one letter
        shorter each time (at least two letters): "Microsft" finds Microsoft
        at "Micros". One query per try."""
        text = text.strip()
        for length in range(len(text) - 1, max(1, len(text) - 1 - tries), -1):
            found = list(self.matching(text[:length])[:size])
            if found:
                return found
        return []

    def subsidiaries_of(self, company):
        """The companies whose parent is ``company``, by name (names and links only)."""
        return self.filter(parent=company).only("pk", "name", "slug").order_by("name", "pk")

    def with_deal_count(self):
        """Each company's ``deal_count``: the deals it is in, in any role
        (target, seller, bidder), each once. A correlated subquery: a union of
        three index lookups per company, so it is for a page of rows (the
        list's paginator reads a page's ids first, then these counts for
        them alone), never for a whole table."""
        company = self.model._meta.db_table
        deal = _model("Deal")._meta.db_table
        bid = _model("Bid")
        bidders = bid.bidders.through._meta.db_table
        return self.annotate(
            deal_count=models.expressions.RawSQL(
                f"""SELECT COUNT(*) FROM (
                    SELECT id FROM {deal} WHERE target_id = {company}.id
                    UNION SELECT id FROM {deal} WHERE seller_id = {company}.id
                    UNION SELECT b.deal_id FROM {bid._meta.db_table} b
                        JOIN {bidders} bb ON bb.bid_id = b.id
                        WHERE bb.company_id = {company}.id
                ) AS its_deals""",  # table names from the models, no input
                (),
                output_field=models.IntegerField(),
            )
        )

    def for_list(self):
        """Companies by name, with their parent. Two companies may share a name:
        the id makes the order total, which paging (read backwards past the
        middle) relies on."""
        return self.defer("search_vector").select_related("parent").order_by("name", "pk")


class DealQuerySet(models.QuerySet):
    def for_list(self):
        """What a row of a deal list shows, in a fixed number of queries: the
        deals with target and seller, then their upcoming deadlines (one
        prefetch query). "Upcoming" is as of today, so a page that caches a
        row must key it on the date too. The bidders are read only for the
        rows drawn (Bid.objects.parties_by_deal, by articles.fragments)."""
        Deadline = _model("Deadline")
        # A row shows names and links: the long texts stay in the database.
        deferred = [
            "search_vector",
            *(f"{party}__{field}" for party in ("target", "seller")
              for field in ("description", "website", "search_vector")),
        ]  # fmt: skip
        rows: models.QuerySet = (
            self.defer(*deferred)
            .select_related("target", "seller")
            .prefetch_related(
                Prefetch(
                    "deadlines",
                    queryset=Deadline.objects.upcoming(),
                    to_attr="upcoming_deadlines",
                ),
            )
        )
        if dialect.of(self.db).keeps_record_versions:
            # A row is kept on its deal's own version: a save of another
            # deal leaves it kept (articles.fragments.deal_rows).
            rows = rows.annotate(row_version=record_versions.row_version())
        return rows

    def targeting(self, company):
        """Deals whose target is ``company``, with their seller (a company page)."""
        return self.filter(target=company).select_related("seller")

    def sold_by(self, company):
        """Deals in which ``company`` sells, with their target (a company page)."""
        return self.filter(seller=company).select_related("target")

    def involving(self, company):
        """Deals where ``company`` is the target, the seller or a bidder: on
        PostgreSQL the company's rows of CompanyDealRole; elsewhere one union
        of ids, each part through its own index (an OR of the three would
        make the database test every deal)."""
        if dialect.of(self.db).keeps_tallies:
            return self.filter(pk__in=self._roles_of(company, ("target", "seller", "bidder")))
        deals = self.model.objects
        ids = (
            deals.filter(target=company)
            .values("pk")
            .union(
                deals.filter(seller=company).values("pk"),
                _model("Bid").objects.by_bidder(company).values("deal_id"),
                all=True,  # IN removes repeats; sparing the union's own sort
            )
        )
        return self.filter(pk__in=ids)

    def with_buyer(self, company):
        """Deals on which ``company`` bid, alone or jointly."""
        if dialect.of(self.db).keeps_tallies:
            return self.filter(pk__in=self._roles_of(company, ("bidder",)))
        return self.filter(pk__in=_model("Bid").objects.by_bidder(company).values("deal_id"))

    def _roles_of(self, company, roles):
        """The ids of ``company``'s deals in ``roles``, from the rows that
        PostgreSQL keeps of each company's deals (CompanyDealRole)."""
        rows = _model("CompanyDealRole").objects.using(self.db).of(company, roles)
        return rows.values("deal_id")

    def in_country(self, code: str):
        """Deals covering the country. Codes are stored comma-separated
        ("AU,CA,NZ,US"): PostgreSQL splits them into an array that a GIN index
        covers (migration 0004); elsewhere a substring match is exact, as every
        code has two letters and so cannot straddle two codes."""
        code = code.upper()
        if dialect.of(self.db).splits_arrays:
            return self.alias(country_codes=StringToArray("countries", Value(","))).filter(
                country_codes__contains=[code]
            )
        return self.filter(countries__contains=code)

    def reviewed_by(self, authority, on: datetime.date | None = None):
        """Deals that ``authority`` reviewed (or reviews); as of ``on``, had
        under review or had decided by then."""
        return self._reviewed(on, "authority", [str(authority.pk)], authority=authority)

    def with_review_status(self, statuses, on: datetime.date | None = None):
        """Deals with a review in any of ``statuses`` (as of ``on``: then)."""
        return self._reviewed(on, "review", list(statuses), status__in=list(statuses))

    def reviewed_in(self, jurisdiction: str, on: datetime.date | None = None):
        """Deals reviewed by an authority of ``jurisdiction`` (a country code or EU)."""
        code = jurisdiction.upper()
        return self._reviewed(on, "jurisdiction", [code], authority__jurisdiction=code)

    def _reviewed(self, on: datetime.date | None, facet: str, values: list[str], **lookups):
        """Deals with a review matching the Review ``lookups`` (``facet`` one
        of ``values``, in DealReviewSpan's terms). As of ``on``, only the
        reviews whose status that day is known count, with the status they
        had then, of the deals whose own status that day is known (an as-of
        list holds no other): on PostgreSQL the spans of the reviewed deals
        found by their GiST index; elsewhere the reviews' status periods."""
        if on is None:
            return self.filter(pk__in=_model("Review").objects.filter(**lookups).deal_ids())
        if dialect.of(self.db).keeps_tallies:
            spans = _model("DealReviewSpan").objects.using(self.db).on(on)
            return self.filter(pk__in=spans.of(facet, values).values("deal_id"))
        periods = _model("ReviewStatusPeriod").objects.using(self.db).on(on)
        periods = periods.filter(
            **{
                lookup if lookup == "status__in" else f"review__{lookup}": value
                for lookup, value in lookups.items()
            }
        )
        return self.filter(pk__in=periods.values("review__deal_id"))

    def with_status_on(self, day: datetime.date, statuses=(), not_yet_announced=None):
        """The deals whose status on ``day`` is known, and one of
        ``statuses`` if any are given: an indexed read of their status
        periods, not a replay of each deal. ``not_yet_announced``: the
        ids ``not_yet_announced_on`` gives, when already read."""
        if not dialect.of(self.db).keeps_tallies:
            return self.filter(pk__in=self._periods_on(day, statuses).values("deal_id"))
        # Not the half a million periods open on a day in the middle of a
        # large archive: the deals announced by then, probed one by one as
        # a list walks them, and the few known that day before their
        # announcement, read apart (a list pages them with
        # pagination.TwoPartPaginator: an OR of the two would walk them all).
        announced = self.announced_with_status_on(day, statuses)
        if not_yet_announced is None:
            not_yet_announced = self.not_yet_announced_on(day, statuses)
        if not_yet_announced:
            return announced | self.filter(pk__in=not_yet_announced)
        return announced

    def announced_with_status_on(self, day: datetime.date, statuses=()):
        """The deals announced by ``day`` whose status that day is known (and
        one of ``statuses``): each one's period probed by the deal's index,
        so a list read in the deals' own order stops at its page."""
        periods = self._periods_on(day, statuses).filter(deal=models.OuterRef("pk"))
        return self.filter(announced_on__lte=day).filter(models.Exists(periods))

    def _periods_on(self, day: datetime.date, statuses):
        periods = _model("DealStatusPeriod").objects.using(self.db).on(day).order_by()
        return periods.filter(status__in=statuses) if statuses else periods

    def not_yet_announced_on(self, day: datetime.date, statuses=()) -> list[int]:
        """The ids of the deals whose status on ``day`` is known (and one of
        ``statuses``) but that were announced later, or never: a rumour,
        talks. Read from the periods that began before their deal's
        announcement, which PostgreSQL keeps (EarlyStatusPeriod); elsewhere
        none (with_status_on reads every period open that day there)."""
        if not dialect.of(self.db).keeps_tallies:
            return []
        early = _model("EarlyStatusPeriod").objects.using(self.db).on(day)
        if statuses:
            early = early.filter(status__in=statuses)
        return list(
            self.model.objects.using(self.db)
            .filter(Q(announced_on__gt=day) | Q(announced_on__isnull=True))
            .filter(pk__in=early.values("deal_id"))
            .order_by()
            .values_list("pk", flat=True)
        )

    def with_recent_news(self, window: int = 100):
        """Deals among those in the latest ``window`` article links, the most
        recently reported first (runs on the newest links only, not the archive)."""
        links = (
            _model("Article")
            .deals.through.objects.order_by("-article__published_on", "-article_id")
            .values("deal_id")[:window]
        )
        return (
            self.filter(pk__in=links)
            .annotate(last_news_on=models.Max("articles__published_on"))
            .order_by("-last_news_on", "pk")
        )

    def search_text(self, text: str, limit: int | None = None, order=None):
        """Deals matching ``text`` in their title or summary, or in the name of
        a party (target, seller or bidder). The text is normalised first
        (articles.search_text), so that PostgreSQL's parser can always read
        it. PostgreSQL uses the full-text vectors of migration 0003 (word
        forms, "quoted phrases", -word, or); elsewhere every word or phrase
        must appear, in any case, and none after a minus. Text with nothing
        to search for (only punctuation) matches nothing on either.

        With ``limit``, only the first ``limit`` matches in ``order`` (newest
        first by default) are sure to be there: a caller that shows no more
        than those lets PostgreSQL stop after them instead of gathering every
        match of a common word."""
        text = normalise(text)
        if not text:
            # Not none(): a list's count is cached under its SQL, which a
            # none() queryset does not have.
            return self.filter(Value(False))
        if dialect.of(self.db).full_text_search:
            query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
            return self.filter(pk__in=self.ids_matching(query, limit, order))
        wanted, unwanted = parse_terms(text)
        qs = self
        for term in wanted:
            qs = qs.filter(self._mentions(term))
        for term in unwanted:
            qs = qs.exclude(self._mentions(term))
        return qs

    @staticmethod
    def _mentions(term: str) -> Q:
        """SQLite: deals whose title, summary or a party's name holds ``term``."""
        bid_deals = _model("Bid").objects.filter(bidders__name__icontains=term)
        return (
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(target__name__icontains=term)
            | Q(seller__name__icontains=term)
            | Q(pk__in=bid_deals.values("deal_id"))
        )

    def ids_matching(self, query: SearchQuery, limit: int | None = None, order=None):
        """PostgreSQL: the ids of these deals whose title or summary match
        ``query``, or one of whose parties' names does. One union, each part
        through its own index, rather than an OR that makes PostgreSQL test
        every deal.

        With ``limit``, each part is only its first ``limit`` deals in
        ``order``: for a common word PostgreSQL then walks the index of that
        order and stops, instead of gathering tens of thousands of matches.
        The union holds the first ``limit`` matches overall (each is among the
        first of its own part), and perhaps some later ones."""
        Bid, Company = _model("Bid"), _model("Company")
        parties = (
            Company.objects.annotate(name_vector=SearchVector("name", config=SEARCH_CONFIG))
            .filter(name_vector=query)
            .order_by()
            .values("pk")
        )
        if limit is None:
            deals = self.model.objects
            first, *others = [
                deals.filter(search_vector=query).values("pk"),
                deals.filter(target__in=parties).values("pk"),
                deals.filter(seller__in=parties).values("pk"),
                Bid.objects.filter(bidders__in=parties).values("deal_id"),
            ]
            return first.union(*others)
        # The other filters are part of each part, or its first ``limit``
        # would not be the first of what is asked for.
        order = order or (F("announced_on").desc(nulls_last=True), "title", "pk")
        first, *others = [
            self.filter(condition).order_by(*order).values("pk")[:limit]
            for condition in (
                Q(search_vector=query),
                Q(target__in=parties),
                Q(seller__in=parties),
                # A semi-join: a join would repeat a deal once per matching
                # bid or bidder, and the first ``limit`` rows hold fewer deals.
                Q(pk__in=Bid.objects.filter(bidders__in=parties).values("deal_id")),
            )
        ]
        return first.union(*others)

    def country_counts(self) -> Counter:
        """How many of these deals cover each country, in one grouped query.
        Codes are stored comma-separated, so each database splits them its own way."""
        sql, params = self.order_by().values("countries").query.sql_with_params()
        connection = connections[self.db]
        if dialect.of(self.db).splits_arrays:
            split = (
                f"SELECT code, COUNT(*) FROM ({sql}) AS d, "
                "unnest(string_to_array(d.countries, ',')) AS code GROUP BY code"
            )
        else:
            split = (
                f"SELECT j.value, COUNT(*) FROM ({sql}) AS d, "
                "json_each('[\"' || replace(d.countries, ',', '\",\"') || '\"]') AS j "
                "GROUP BY j.value"
            )
        with connection.cursor() as cursor:
            cursor.execute(split, params)
            return Counter({code: n for code, n in cursor.fetchall() if code})


class ListedBidder(NamedTuple):
    """A bidder as a list's row names it."""

    pk: int
    name: str
    slug: str


def distinct_parties[Bid_, Bidder](
    bids: Iterable[tuple[Bid_, Iterable[Bidder]]],
) -> list[tuple[list[Bidder], Bid_]]:
    """The distinct parties among bids given in the order they were made,
    with their bidders, each party with its latest bid: a company that bid
    twice alone is one party, a joint bid one party of several companies,
    by name. The deal's page and the lists' rows both say it so."""
    parties: dict[tuple[Any, ...], tuple[list[Bidder], Bid_]] = {}
    for bid, bidders in bids:
        by_name = sorted(bidders, key=attrgetter("name"))
        parties[tuple(bidder.pk for bidder in by_name)] = (by_name, bid)
    return list(parties.values())


# Each deal's distinct bidding parties (a bid's set of companies) in the
# order they first bid, numbered, with how many there are, and the
# companies of the first few: a giant's deals carry hundreds of bids each,
# and only three parties a row are named.
FIRST_PARTIES = """
WITH bid_party AS (
    SELECT bid.deal_id, bid.id, bid.submitted_on,
           array_agg(link.company_id ORDER BY link.company_id) AS members
    FROM articles_bid bid JOIN articles_bid_bidders link ON link.bid_id = bid.id
    WHERE bid.deal_id = ANY(%(deals)s)
    GROUP BY bid.id
), party AS (
    SELECT DISTINCT ON (deal_id, members) deal_id, members, submitted_on, id
    FROM bid_party
    ORDER BY deal_id, members, submitted_on, id
), numbered AS (
    SELECT deal_id, members,
           row_number() OVER (PARTITION BY deal_id ORDER BY submitted_on, id) AS place,
           count(*) OVER (PARTITION BY deal_id) AS parties
    FROM party
)
SELECT numbered.deal_id, numbered.place, numbered.parties, company.id, company.name, company.slug
FROM numbered
CROSS JOIN LATERAL unnest(numbered.members) AS member (company_id)
JOIN articles_company company ON company.id = member.company_id
WHERE numbered.place <= %(shown)s
ORDER BY numbered.deal_id, numbered.place
"""


class ListedParties(NamedTuple):
    """The bidding parties a list's row names, and how many there are."""

    shown: list[list[ListedBidder]]
    total: int


class BidQuerySet(models.QuerySet):
    def parties_by_deal(self, deal_ids: Iterable[int], shown: int) -> dict[int, ListedParties]:
        """Each deal's first ``shown`` bidding parties, in the order they
        first bid (distinct_parties), and how many there are. PostgreSQL
        finds them (FIRST_PARTIES): at 100k deals a giant's 25 newest deals
        carry 750 bids, whose 1,200 bidders took 12 ms to read and group
        here. Elsewhere, one query of plain rows grouped here."""
        deal_ids = list(deal_ids)
        if not dialect.of(self.db).splits_arrays:
            return {
                deal_id: ListedParties(parties[:shown], len(parties))
                for deal_id, parties in self._all_parties_by_deal(deal_ids).items()
            }
        companies: dict[tuple[int, int], list[ListedBidder]] = {}
        counts: dict[int, int] = {}
        with connections[self.db].cursor() as cursor:
            cursor.execute(FIRST_PARTIES, {"deals": deal_ids, "shown": shown})
            for deal_id, place, parties, *bidder in cursor.fetchall():
                companies.setdefault((deal_id, place), []).append(ListedBidder(*bidder))
                counts[deal_id] = parties
        listed: dict[int, ListedParties] = {}
        for (deal_id, _place), members in companies.items():  # in order of place
            party = sorted(members, key=attrgetter("name"))
            listed.setdefault(deal_id, ListedParties([], counts[deal_id])).shown.append(party)
        return listed

    def _all_parties_by_deal(self, deal_ids: list[int]) -> dict[int, list[list[ListedBidder]]]:
        links = self.model.bidders.through.objects.using(self.db).filter(bid__deal_id__in=deal_ids)
        rows = links.order_by("bid__submitted_on", "bid_id").values_list(
            "bid__deal_id", "bid_id", "company_id", "company__name", "company__slug"
        )
        bids: dict[int, dict[int, list[ListedBidder]]] = {}
        for deal_id, bid_id, *bidder in rows:
            bids.setdefault(deal_id, {}).setdefault(bid_id, []).append(ListedBidder(*bidder))
        return {
            deal_id: [party for party, _bid in distinct_parties(of_deal.items())]
            for deal_id, of_deal in bids.items()
        }

    def latest_by(self, company, size: int):
        """The latest ``size`` bids ``company`` made, with their deal, its
        target and the bidders. A giant has bid thousands of times: the
        latest ids are picked first, then only those are read in full."""
        latest = self.by_bidder(company).order_by("-submitted_on", "-pk")
        return (
            self.filter(pk__in=latest.values("pk")[:size])
            .select_related("deal", "deal__target")
            .prefetch_related("bidders")
            .order_by("-submitted_on", "-pk")
        )

    def by_bidder(self, company):
        """The bids ``company`` made, alone or jointly. A semi-join, not a join:
        for a company that bid thousands of times PostgreSQL can then walk the
        latest bids and check each one, instead of sorting all of them."""
        bidders = self.model.bidders.through.objects.filter(company=company)
        return self.filter(pk__in=bidders.values("bid_id"))


class DeadlineQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=self.model.Status.PENDING)

    def upcoming(self, on: datetime.date | None = None):
        """Pending deadlines due today or later, soonest first."""
        return self.pending().filter(due_on__gte=on or today()).order_by("due_on", "pk")

    def overdue(self, on: datetime.date | None = None):
        """Deadlines that have passed while still pending, most recent first."""
        return self.pending().filter(due_on__lt=on or today()).order_by("-due_on", "-pk")

    def past(self):
        """Deadlines that are settled: met, missed, extended or lifted."""
        return self.exclude(status=self.model.Status.PENDING).order_by("-due_on", "-pk")

    def for_list(self):
        return self.select_related("deal", "deal__target", "extended_to")


class AuthorityQuerySet(models.QuerySet):
    def with_review_counts(self):
        """Each authority with how many of its reviews are open and decided
        (one grouped query)."""
        Review = _model("Review")
        is_open = Q(reviews__status__in=Review.OPEN_STATUSES)
        return self.annotate(
            open_reviews=models.Count("reviews", filter=is_open),
            decided_reviews=models.Count("reviews", filter=~is_open & Q(reviews__isnull=False)),
        )


class ReviewQuerySet(models.QuerySet):
    def open(self) -> "ReviewQuerySet":
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def decided(self) -> "ReviewQuerySet":
        return self.exclude(status__in=self.model.OPEN_STATUSES)

    def with_next_deadline(self) -> "ReviewQuerySet":
        """With ``next_deadlines``: the review's pending deadlines to come,
        soonest first (one prefetch query); ``Review.next_decision`` reads it."""
        return self.prefetch_related(
            Prefetch(
                "deadlines",
                queryset=_model("Deadline").objects.upcoming(),
                to_attr="next_deadlines",
            )
        )

    def with_suspensions(self) -> "ReviewQuerySet":
        """With their clock stops (one prefetch query), which
        ``Review.statutory_decision`` reads."""
        return self.prefetch_related("suspensions")

    def awaiting_computed_date(self) -> "ReviewQuerySet":
        """Open reviews whose phase has a start date (its own, or the
        review's opening) and no pending curated deadline to come: those
        whose computed decision date stands in for one. ``latest_first()``
        orders them by that start."""
        curated = _model("Deadline").objects.upcoming().filter(review=models.OuterRef("pk"))
        started = Q(phase_started_on__isnull=False) | Q(opened_on__isnull=False)
        return self.open().filter(started).exclude(models.Exists(curated))

    def latest_first(self) -> "ReviewQuerySet":
        """The reviews whose current phase began last first (then the newest)."""
        return self.order_by(Coalesce("phase_started_on", "opened_on").desc(nulls_last=True), "-pk")

    def for_list(self) -> "ReviewQuerySet":
        """Reviews with their deal (and its target) and authority."""
        return self.select_related("authority", "deal", "deal__target").defer(
            "deal__search_vector", "deal__target__search_vector"
        )

    def deal_ids(self):
        """The ids of the deals these reviews are of (a subquery for /deals/)."""
        return self.order_by().values("deal_id")


class ArticleQuerySet(models.QuerySet):
    def language_choices(self) -> list[tuple[str, str]]:
        """The languages the archive holds, named in the reader's language
        (the codes are cached until the archive changes)."""
        codes = cached("languages", self.model._meta.label, self._languages_held)
        return sorted(((code, language_name(code)) for code in codes), key=lambda c: c[1])

    def _languages_held(self) -> list[str]:
        if dialect.of(self.db).keeps_tallies:
            # A DISTINCT would read every article (350 ms for 2M): the tally
            # has them.
            tally = _model("ArticleTally").objects.using(self.db).filter(articles__gt=0)
            return list(tally.order_by("language").values_list("language", flat=True))
        return sorted(self.order_by().values_list("language", flat=True).distinct())

    def mentioning(self, company):
        """Articles that name ``company``, with their source. A semi-join, as
        for bids: a company in thousands of articles gets its latest by
        walking the newest articles, not by sorting all of its own."""
        mentions = self.model.companies.through.objects.filter(company=company)
        return (
            self.filter(pk__in=mentions.values("article_id"))
            .defer("search_vector")
            .select_related("source")
        )

    def for_list(self):
        """Articles with their source, deals and companies (two prefetch queries)."""
        return (
            self.defer("search_vector")
            .select_related("source")
            .prefetch_related(
                Prefetch("deals", queryset=_model("Deal").objects.only("pk", "title", "slug")),
                Prefetch(
                    "companies", queryset=_model("Company").objects.only("pk", "name", "slug")
                ),
            )
        )


class DateRange(models.Func):
    """``daterange(started_on, ended_on, '[)')``, spelt exactly as the GiST
    index of migration 0022 is, so that PostgreSQL uses it; an empty bound
    is infinite."""

    template = "daterange(%(expressions)s, '[)')"

    def __init__(self, start, end):
        from django.contrib.postgres.fields import DateRangeField

        super().__init__(start, end, output_field=DateRangeField())


class StatusDayTallyQuerySet(models.QuerySet):
    def counts_on(self, day: datetime.date):
        """The deals in each status on ``day`` (as StatusPeriodQuerySet.on
        finds them), by status, type, country and year announced, as rows of
        DealTally's shape: the changes of every year before the day's, of the
        months of its year before its month, and of the days of its month up
        to it, added up."""
        year_start, month_start = day.replace(month=1, day=1), day.replace(day=1)
        spans = (
            Q(span="y", starts_on__lt=year_start)
            | Q(span="m", starts_on__gte=year_start, starts_on__lt=month_start)
            | Q(span="d", starts_on__gte=month_start, starts_on__lte=day)
        )
        return (
            self.filter(spans)
            .values("status", "deal_type", "country", "year")
            .annotate(total=models.Sum("deals"))
            .filter(total__gt=0)
            .order_by()
            .values_list("status", "deal_type", "country", "year", "total")
        )


class StatusPeriodQuerySet(models.QuerySet):
    def on(self, date: datetime.date):
        """The periods that held on ``date``, as far as is known: begun by
        then (on a known date) and still open, or ended after it. On
        PostgreSQL the GiST index on their date range finds them."""
        known = Q(started_on__lte=date) & (Q(is_current=True) | Q(ended_on__gt=date))
        if dialect.of(self.db).indexes_date_ranges:
            return self.alias(span=DateRange("started_on", "ended_on")).filter(
                known, span__contains=date
            )
        return self.filter(known)


class ReviewSpanQuerySet(models.QuerySet):
    def on(self, date: datetime.date):
        """The spans that held on ``date``, found by their GiST index."""
        return self.alias(days=DateRange("started_on", "until")).filter(days__contains=date)

    def of(self, facet: str, values):
        return self.filter(facet=facet, value__in=values)

    def counts(self, reviews):
        """Rows of (status, type, countries, year announced, deals) of the
        deals with a span of each of ``reviews`` (facet, values), each deal
        once however many of a facet's values it had (FacetChoice.count_grouped)."""
        (facet, values), *others = reviews
        spans = self.of(facet, values)
        for other, other_values in others:
            spans = spans.filter(deal_id__in=self.of(other, other_values).values("deal_id"))
        deals = models.Count("deal_id", distinct=True) if len(values) > 1 else models.Count("pk")
        return (
            spans.order_by()
            .values("status", "deal_type", "countries", "year")
            .annotate(n=deals)
            .values_list("status", "deal_type", "countries", "year", "n")
        )


class CompanyDealRoleQuerySet(models.QuerySet):
    def of(self, company: Any, roles: tuple[str, ...]) -> models.QuerySet:
        """``company``'s deals in any of ``roles``."""
        return self.filter(company_id=company.pk, role__in=roles)

    def per_year(self, company: Any) -> models.QuerySet:
        """Rows of (year announced, role, deals) of ``company``'s announced deals."""
        return (
            self.filter(company_id=company.pk, year__gt=0)
            .order_by()
            .values_list("year", "role")
            .annotate(n=models.Count("pk"))
        )

    def counts(self, company: Any, roles: tuple[str, ...]) -> models.QuerySet:
        """Rows of (status, type, countries, year announced, deals, reviews)
        of ``company``'s deals in any of ``roles``, each deal once whatever
        its roles (FacetChoice.count_grouped reads the first five)."""
        rows = self.of(company, roles)
        if len(roles) > 1:  # a deal in several roles: one of its rows
            firsts = rows.order_by().values("deal_id").annotate(first=models.Min("pk"))
            rows = self.filter(pk__in=firsts.values("first"))
        return (
            rows.order_by()
            .values("status", "deal_type", "countries", "year")
            .annotate(n=models.Count("pk"), reviews_held=models.Sum("reviews"))
            .values_list("status", "deal_type", "countries", "year", "n", "reviews_held")
        )


class EarlyStatusPeriodQuerySet(models.QuerySet):
    def on(self, date: datetime.date):
        """The deals' periods on ``date`` that began before their announcement."""
        return self.filter(started_on__lte=date, until__gt=date, periods__gt=0)

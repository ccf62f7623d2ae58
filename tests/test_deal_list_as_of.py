"""/deals/?as_of=: deals by the status they had on a date (issue 16), read
from the status periods, checked against a replay of each deal's changes."""

import datetime
import random
from collections import Counter

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import counting, dialect, status_history
from articles.models import Deal, Review
from articles.pagination import TwoPartPaginator
from articles.status_history import StatusChange
from tests.factories import AuthorityFactory, BidFactory, DealFactory, ReviewFactory

URL = reverse("articles:deal_list")
D = datetime.date


# The demo's first six deals, whose dated stories these tests tell.
FIRST_SIX = [
    "tiktok-us-operations",
    "microsoft-activision-blizzard",
    "nvidia-arm",
    "adobe-figma",
    "kroger-albertsons",
    "broadcom-qualcomm",
]


@pytest.fixture
def six(demo):
    Deal.objects.exclude(slug__in=FIRST_SIX).delete()


def slugs(response) -> set[str]:
    return {deal.slug for deal in response.context["object_list"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"as_of": "2020-09-01", "status": "announced"}, {"tiktok-us-operations", }),
        ({"as_of": "2020-09-01", "status": "abandoned"}, set()),
        ({"as_of": "2021-03-01", "status": "abandoned"}, {"tiktok-us-operations"}),
        # Before the Kroger deal, after the Broadcom one closed.
        ({"as_of": "2019-01-01"}, {"broadcom-qualcomm"}),
    ],
)  # fmt: skip
def test_the_status_filter_reads_the_status_on_that_date(client, six, query, expected):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert slugs(response) == expected


@pytest.mark.django_db
def test_the_facets_count_the_statuses_of_that_date(client, six):
    response = client.get(URL, {"as_of": "2022-06-01"})
    facets = {c["value"]: c["count"] for c in response.context["facets"]["status"]}
    for status, count in facets.items():
        shown = client.get(URL, {"as_of": "2022-06-01", "status": status})
        assert len(slugs(shown)) == count, status
    # Activision announced; Broadcom–Qualcomm blocked in 2018; TikTok and
    # Nvidia–Arm abandoned; Kroger–Albertsons and Adobe–Figma not yet announced.
    assert facets["announced"] == 1 and facets["blocked"] == 1 and facets["abandoned"] == 2
    assert response.context["paginator"].count == sum(facets.values())
    assert "Status on" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "What was the CMA reviewing on 1 January 2023?" Activision's first
        # review (from 6 July 2022 to its prohibition on 26 April 2023); it
        # had reviewed Nvidia–Arm, abandoned in February 2022.
        ({"as_of": "2023-01-01", "authority": "cma"},
         {"microsoft-activision-blizzard", "nvidia-arm"}),
        ({"as_of": "2023-01-01", "authority": "cma", "review": "under_review"},
         {"microsoft-activision-blizzard"}),
        ({"as_of": "2023-01-01", "authority": "cma", "review": "prohibited"}, set()),
        ({"as_of": "2023-06-01", "authority": "cma", "review": "prohibited"},
         {"microsoft-activision-blizzard"}),
        # The Commission opened Nvidia–Arm's in-depth review on 27 October 2021.
        ({"as_of": "2021-06-01", "jurisdiction": "EU"}, set()),
        ({"as_of": "2022-01-01", "jurisdiction": "EU"}, {"nvidia-arm"}),
        ({"as_of": "2022-01-01", "review": "under_review"}, {"nvidia-arm"}),
        # Today's reading, for contrast: every deal the Commission reviewed.
        ({"jurisdiction": "EU"}, {"nvidia-arm", "adobe-figma", "microsoft-activision-blizzard"}),
    ],
)  # fmt: skip
def test_the_review_filters_read_the_reviews_as_they_stood(client, six, query, expected):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert slugs(response) == expected


@pytest.mark.django_db
def test_the_review_facets_count_the_review_statuses_of_that_date(client, six):
    response = client.get(URL, {"as_of": "2022-01-01"})
    facets = response.context["facets"]
    review = {c["value"]: c["count"] for c in facets["review"]}
    # Nvidia–Arm under review by the Commission and the FTC, its CMA review
    # begun on a date the archive does not know; TikTok's CFIUS review ended
    # with the deal in 2021, Broadcom's with the presidential order in 2018.
    assert review["under_review"] == 1 and review["abandoned"] == 1
    assert review["prohibited"] == 1 and review["cleared"] == 0
    authority = {c["value"]: c["count"] for c in facets["authority"]}
    assert authority["dg-comp"] == 1 and authority["ftc"] == 1 and authority["cma"] == 0
    for status, count in review.items():
        shown = client.get(URL, {"as_of": "2022-01-01", "review": status})
        assert len(slugs(shown)) == count, status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-02-30", "Give a date as YYYY-MM-DD"),
        ("01/03/2021", "Give a date as YYYY-MM-DD"),
        ("1850-01-01", "greater than or equal to"),
        ("2999-01-01", "Give a date no later than today."),
    ],
)
def test_a_bad_date_is_reported_and_ignored(client, six, value, message):
    response = client.get(URL, {"as_of": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be applied" in html and message in html
    assert len(slugs(response)) == Deal.objects.count()


@pytest.mark.django_db
def test_exports_and_feeds_take_as_of(client, demo):
    query = {"as_of": "2021-03-01", "status": "abandoned"}
    csv = b"".join(client.get(reverse("articles:export_deals_csv"), query).streaming_content)
    assert b"tiktok-us-operations" in csv and b"adobe-figma" not in csv
    feed = client.get(reverse("articles:feed_deals"), query).content
    assert b"Forced sale of TikTok" in feed and b"Figma" not in feed


@pytest.mark.django_db
def test_query_count_as_of_does_not_grow_with_rows(client):
    def get():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"as_of": "2024-02-01", "status": "announced"})
        return response, len(queries)

    for _ in range(3):
        BidFactory(deal=DealFactory(announced_on=D(2024, 1, 15)))
    _response, few = get()
    for _ in range(20):
        BidFactory(deal=DealFactory(announced_on=D(2024, 1, 15)))
    response, many = get()
    assert len(slugs(response)) == 23
    # 1 archive version, 1 pass counting the statuses of that day (or the
    # day tally), 2 for the review facets (authorities, reviews), 1 page of
    # deals, 1 upcoming deadlines, 1 the bidders of the rows drawn; on
    # PostgreSQL, 1 for the deals known that day before their announcement.
    assert many == few == (8 if tallies_kept() else 7)


@pytest.mark.django_db
def test_a_deal_known_before_its_announcement_is_listed_then(client):
    """A rumour on the record before the announcement: listed on the days
    of the rumour, in the order of announcements, a deal never announced
    last; the tallies follow its announcement when it moves."""
    rumoured_then_announced = DealFactory(
        slug="rumoured-first", status=Deal.Status.ANNOUNCED, announced_on=D(2024, 3, 1)
    )
    status_history.replace_history(
        rumoured_then_announced,
        [
            (Deal.Status.RUMOURED, D(2024, 1, 10), D(2024, 3, 1), None),
            (Deal.Status.ANNOUNCED, D(2024, 3, 1), None, None),
        ],
    )
    never_announced = DealFactory(
        slug="only-rumoured", status=Deal.Status.RUMOURED, announced_on=None
    )
    status_history.replace_history(
        never_announced, [(Deal.Status.RUMOURED, D(2024, 2, 1), None, None)]
    )
    announced = DealFactory(
        slug="announced", status=Deal.Status.ANNOUNCED, announced_on=D(2023, 12, 1)
    )
    status_history.replace_history(announced, [(Deal.Status.ANNOUNCED, D(2023, 12, 1), None, None)])

    def listed(**query):
        response = client.get(URL, query)
        assert response.status_code == 200
        page = [deal.slug for deal in response.context["object_list"]]
        assert response.context["paginator"].count == len(page)
        return page

    assert listed(as_of="2024-02-15") == ["rumoured-first", "announced", "only-rumoured"]
    assert listed(as_of="2024-02-15", status="rumoured") == ["rumoured-first", "only-rumoured"]
    assert listed(as_of="2024-01-20", status="rumoured") == ["rumoured-first"]
    assert listed(as_of="2024-01-05") == ["announced"]
    # Its announcement moved before the rumour: listed as any deal then.
    Deal.objects.filter(pk=rumoured_then_announced.pk).update(announced_on=D(2024, 1, 5))
    assert listed(as_of="2024-01-20", status="rumoured") == ["rumoured-first"]
    assert listed(as_of="2024-01-07") == ["announced"]


def tallies_kept() -> bool:
    return dialect.of(connection.alias).keeps_tallies


def random_histories(rng: random.Random, deals: int):
    """Deals, each with its changes of status (status, date) in order."""
    statuses = Deal.Status.values
    histories = []
    for _ in range(deals):
        day = D(2020, 1, 1) + datetime.timedelta(days=rng.randrange(600))
        changes = [(rng.choice(statuses), day)]
        for _ in range(rng.randrange(4)):
            day += datetime.timedelta(days=rng.randrange(0, 120))
            changes.append((rng.choice([s for s in statuses if s != changes[-1][0]]), day))
        histories.append(changes)
    return histories


def replay(changes, on):
    """The status on ``on``: the last change made by then, played in order."""
    status = None
    for changed_to, day in changes:
        if day <= on:
            status = changed_to
    return status


def deal_with_history(slug: str, changes) -> Deal:
    first, day = changes[0]
    deal = DealFactory(slug=slug, status=first, announced_on=day)
    status_history.replace_history(deal, [(first, day, None, None)])
    for status, changed_on in changes[1:]:
        deal.status = status
        deal.status_change = StatusChange(on=changed_on)
        deal.save()
    return deal


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_as_of_lists_agree_with_a_replay_of_each_deal(client, seed):
    rng = random.Random(seed)
    histories = random_histories(rng, 30)
    slugs_by_history = [
        deal_with_history(f"h-{seed}-{number}", changes).slug
        for number, changes in enumerate(histories)
    ]
    for _ in range(8):
        on = D(2020, 1, 1) + datetime.timedelta(days=rng.randrange(800))
        statuses = rng.sample(Deal.Status.values, rng.randrange(1, 3))
        expected = {
            slug
            for slug, changes in zip(slugs_by_history, histories, strict=True)
            if replay(changes, on) in statuses
        }
        response = client.get(URL, {"as_of": on.isoformat(), "status": sorted(statuses)})
        assert slugs(response) == expected, (on, statuses)
        assert response.context["paginator"].count == len(expected)


@pytest.mark.django_db
def test_the_deals_known_before_their_announcement_fall_in_place_on_every_page(client):
    """Deals known that day before their announcement are read apart from
    the others, and each page still shows the list's own order: pages read
    from the start and, past the middle, from the end."""
    on = D(2024, 6, 1)
    expected = []  # the list's order: newest announcement first, never last
    for number in range(60):
        announced_on = D(2024, 5, 1) - datetime.timedelta(days=number)
        deal = DealFactory(
            slug=f"d-{number:02}", status=Deal.Status.ANNOUNCED, announced_on=announced_on
        )
        status_history.replace_history(deal, [(Deal.Status.ANNOUNCED, announced_on, None, None)])
        expected.append(deal.slug)
    for number, announced_on in enumerate([D(2024, 7, 1), D(2024, 6, 2), None]):
        deal = DealFactory(
            slug=f"early-{number}", status=Deal.Status.ANNOUNCED, announced_on=announced_on
        )
        spans = [(Deal.Status.RUMOURED, D(2024, 4, 20), announced_on, None)]
        if announced_on:
            spans.append((Deal.Status.ANNOUNCED, announced_on, None, None))
        else:
            deal.status = Deal.Status.RUMOURED
            deal.save()
        status_history.replace_history(deal, spans)
    # Announced after that day (newest first), then never: in the list's order.
    expected = ["early-0", "early-1", *expected, "early-2"]
    listed = []
    for page in (1, 2, 3):
        response = client.get(URL, {"as_of": on.isoformat(), "page": page})
        paginator = response.context["paginator"]
        assert paginator.count == 63
        # On PostgreSQL the few are read apart (elsewhere every period that day).
        assert isinstance(paginator, TwoPartPaginator) == tallies_kept()
        listed += [deal.slug for deal in response.context["object_list"]]
    assert listed == expected


def random_review_spans(rng: random.Random, start: D):
    """A review's status periods (status, from, until, source), oldest
    first: under review, maybe in depth, maybe decided; now and then a
    period whose start, or whose end, the archive does not know."""
    R = Review.Status
    statuses = [R.UNDER_REVIEW, *rng.sample([R.IN_DEPTH], rng.randrange(2))]
    statuses += rng.sample([R.CLEARED, R.PROHIBITED], rng.randrange(2))
    spans, day = [], start
    for number, status in enumerate(statuses):
        until = day + datetime.timedelta(days=rng.randrange(1, 150))
        last = number == len(statuses) - 1
        spans.append([status, day, None if last else until, None])
        day = until
    if rng.random() < 0.2:
        spans[0][1] = None  # opened on a day not known
    elif len(spans) > 1 and rng.random() < 0.2:
        spans[0][2] = None  # left on a day not known
    return [tuple(span) for span in spans]


def review_status_on(spans, on):
    """A review's status on ``on``, as far as its periods tell."""
    for number, (status, started_on, ended_on, _source) in enumerate(spans):
        current = number == len(spans) - 1
        if started_on is None or started_on > on:
            continue
        if current or (ended_on and ended_on > on):
            return status
    return None


def random_review_query(rng: random.Random, authorities, on: D) -> dict:
    """/deals/?as_of= with one or two of authority=, review= (one or two
    statuses) and jurisdiction=, and maybe a status."""
    query: dict = {"as_of": on.isoformat()}
    wanted = rng.sample(["authority", "review", "jurisdiction", "status"], rng.randrange(1, 3))
    if wanted == ["status"]:
        wanted.append("review")
    if "authority" in wanted:
        query["authority"] = rng.choice(authorities).slug
    if "review" in wanted:
        query["review"] = rng.sample(Review.Status.values[:5], rng.randrange(1, 3))
    if "jurisdiction" in wanted:
        query["jurisdiction"] = rng.choice(["GB", "EU", "US"])
    if "status" in wanted:
        query["status"] = rng.choice(Deal.Status.values)
    return query


def matches_reviews(query: dict, held) -> bool:
    """Whether a deal whose reviews (authority, status) were ``held`` that
    day passes the query's review filters: each by some review of it."""
    return bool(held) and all(
        name not in query or any(passes(authority, status) for authority, status in held)
        for name, passes in {
            "authority": lambda authority, _: authority.slug == query["authority"],
            "review": lambda _, status: status in query["review"],
            "jurisdiction": lambda authority, _: authority.jurisdiction == query["jurisdiction"],
        }.items()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [4, 5, 6])
def test_as_of_review_filters_agree_with_a_replay(client, seed):
    """The lists and their status counts with authority=, review= and
    jurisdiction= as of a day (PostgreSQL reads the deals' spans under
    review, elsewhere the reviews' periods), against a replay of each deal
    and review; also after what moves the spans: a jurisdiction, a review
    moved to another authority and deal, a deal's dates, a deletion."""
    rng = random.Random(seed)
    authorities = [AuthorityFactory(jurisdiction=code) for code in ("GB", "EU", "US")]
    histories = random_histories(rng, 20)
    deals = [
        deal_with_history(f"r-{seed}-{number}", changes) for number, changes in enumerate(histories)
    ]
    reviews = []  # [review, deal index, spans]
    for index, changes in enumerate(histories):
        for _ in range(rng.randrange(4)):  # now and then two by one authority
            opened = changes[0][1] + datetime.timedelta(rng.randrange(90))
            spans = random_review_spans(rng, opened)
            status = spans[-1][0]
            decided = status not in (Review.Status.UNDER_REVIEW, Review.Status.IN_DEPTH)
            review = ReviewFactory(
                deal=deals[index],
                authority=rng.choice(authorities),
                status=status,
                opened_on=None,
                decided_on=spans[-1][1] if decided else None,
            )
            status_history.replace_history(review, spans)
            reviews.append([review, index, spans])

    def check(days: int) -> None:
        for _ in range(days):
            on = D(2020, 1, 1) + datetime.timedelta(days=rng.randrange(800))
            query = random_review_query(rng, authorities, on)
            status_then = {}
            for index, deal in enumerate(deals):
                held = [
                    (review.authority, review_status_on(spans, on))
                    for review, of, spans in reviews
                    if of == index and review_status_on(spans, on)
                ]
                if deal and replay(histories[index], on) and matches_reviews(query, held):
                    status_then[index] = replay(histories[index], on)
            counts = Counter(status_then.values())  # the status facet sets the status aside
            if "status" in query:
                status_then = {i: s for i, s in status_then.items() if s == query["status"]}
            response = client.get(URL, query, follow=True)  # to the canonical order
            expected = {deals[index].slug for index in status_then}
            assert slugs(response) == expected, query
            assert response.context["paginator"].count == len(expected), query
            facets = response.context["facets"]
            shown = {c["value"]: c["count"] for c in facets["status"]}
            assert +Counter(shown) == counts, query
            # The type and country choices count the deals listed (the
            # status applied), from the deals' own type and countries.
            listed = [Deal.objects.get(pk=deals[index].pk) for index in status_then]
            types = Counter(deal.deal_type for deal in listed)
            codes = Counter(code for deal in listed for code in deal.countries)
            assert +Counter({c["value"]: c["count"] for c in facets["type"]}) == types, query
            assert +Counter({c["value"]: c["count"] for c in facets["country"]}) == codes, query
            source = response.context["filter"].counts.source
            assert (source == counting.Source.SPANS) == tallies_kept(), query

    check(12)
    # What moves the spans: an authority's jurisdiction, a review moved to
    # another authority and deal, a deal's type and dates, deletions.
    authorities[2].jurisdiction = "GB"
    authorities[2].save()
    moved = reviews[0]
    moved[0].authority, moved[0].deal = authorities[1], deals[-1]
    moved[0].save()
    moved[1] = len(deals) - 1
    Deal.objects.filter(pk=deals[3].pk).update(deal_type=Deal.Type.MERGER, countries="FR")
    deals[4].delete()
    deals[4] = None
    reviews[:] = [r for r in reviews if r[1] != 4]
    gone = reviews.pop()
    gone[0].delete()
    check(12)


@pytest.mark.postgres(reason="the spans under review are kept by PostgreSQL triggers")
@pytest.mark.django_db
def test_the_spans_follow_a_review_inserted_after_its_periods():
    """Foreign keys are checked at commit: a bulk writer may insert a
    review's periods before the review itself, and its deal's spans follow."""
    from articles.models import DealReviewSpan, ReviewStatusPeriod

    deal = DealFactory(slug="later-review", announced_on=D(2024, 1, 15))
    authority = AuthorityFactory(slug="late")
    with transaction.atomic():
        ReviewStatusPeriod.objects.bulk_create(
            [ReviewStatusPeriod(review_id=424242, status="under_review", started_on=D(2024, 2, 1))]
        )
        Review.objects.bulk_create(
            [Review(pk=424242, deal=deal, authority=authority, opened_on=D(2024, 2, 1))]
        )
    assert DealReviewSpan.objects.filter(deal_id=deal.pk, facet="authority").exists()
    listed = Deal.objects.with_status_on(D(2024, 3, 1)).reviewed_by(authority, on=D(2024, 3, 1))
    assert list(listed.values_list("slug", flat=True)) == ["later-review"]

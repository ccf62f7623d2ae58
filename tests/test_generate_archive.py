"""generate_archive, the benchmark's loader: it replaces an earlier synthetic
archive, and refuses to delete curated records (any source, company, deal,
bid, deadline or article not from a synthetic load) unless
--delete-curated-records says so in so many words."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from articles import tallies
from articles.models import (
    Article,
    Authority,
    Bid,
    BidStatusPeriod,
    Company,
    CompanyDealRole,
    Deadline,
    Deal,
    DealReviewSpan,
    DealStatusPeriod,
    Review,
    ReviewStatusPeriod,
    Source,
)
from bench.management.commands.generate_archive import Command as GenerateArchive
from bench.synthetic import MARKER_SLUG
from tests.factories import (
    ArticleFactory,
    AuthorityFactory,
    BidFactory,
    CompanyFactory,
    DeadlineFactory,
    DealFactory,
    ReviewFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

TINY = {Source: 20 + 1, Company: 300, Deal: 1_000, Article: 2_000}  # sources: and the marker


def generate(*args: str) -> str:
    """Run the command at the tiny scale. The bench app is installed only when
    DEALWATCH_BENCH asks for it, so the command is given as itself."""
    out = io.StringIO()
    call_command(GenerateArchive(), "--scale=tiny", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts() -> dict:
    return {model: model.objects.count() for model in TINY}


def loaded() -> str | None:
    return Source.objects.filter(slug=MARKER_SLUG).values_list("name", flat=True).first()


@pytest.mark.parametrize("args", [[], ["--replace"], ["--seed=2", "--replace"]])
def test_a_database_of_curated_records_is_refused_and_left_as_it_was(demo, args):
    before = counts()
    with pytest.raises(CommandError) as refusal:
        generate(*args)
    assert "The archive holds curated records, not from a synthetic load" in str(refusal.value)
    assert "--delete-curated-records" in str(refusal.value)
    assert f"{before[Deal]} deals" in str(refusal.value)
    assert counts() == before
    assert loaded() is None


def test_curated_companies_alone_are_refused():
    CompanyFactory()
    with pytest.raises(CommandError, match="curated records, not from a synthetic load: 1 company"):
        generate()
    assert loaded() is None


# One record of each kind added by hand to a synthetic archive, linked only to
# synthetic records.
ADDED = {
    "source": lambda deal: SourceFactory(),
    "company": lambda deal: CompanyFactory(),
    "deal": lambda deal: DealFactory(target=deal.target),
    "bid": lambda deal: BidFactory(deal=deal, bidders=[deal.target]),
    "deadline": lambda deal: DeadlineFactory(deal=deal),
    "article": lambda deal: ArticleFactory(
        source=Source.objects.first(), deals=[deal], url="https://curated.example/story"
    ),
    "authority": lambda deal: AuthorityFactory(),
    "review": lambda deal: ReviewFactory(deal=deal, authority=Authority.objects.first()),
}


@pytest.mark.parametrize("kind", ADDED)
def test_a_record_added_to_a_synthetic_archive_is_curated(kind):
    generate()
    added = ADDED[kind](Deal.objects.first())
    for args in (["--replace"], ["--seed=2"]):
        with pytest.raises(CommandError, match=f"not from a synthetic load: 1 {kind}\\."):
            generate(*args)
    assert type(added).objects.filter(pk=added.pk).exists()
    assert loaded() == "Synthetic archive (tiny, seed 1, generator 2)"


def test_delete_curated_records_empties_the_archive_and_loads(demo):
    curated = Deal.objects.count()
    reviews, authorities = Review.objects.count(), Authority.objects.count()
    assert reviews and authorities
    output = generate("--delete-curated-records")
    assert "Deleting the curated records as asked: " in output
    assert f"{curated} deals" in output
    # The demo's reviews and authorities are curated too, and gone.
    assert f"{reviews} reviews" in output and f"{authorities} authorities" in output
    assert not Authority.objects.exclude(slug__startswith="syn-authority-").exists()
    assert counts() == TINY
    assert not Deal.objects.exclude(slug__startswith="syn-deal-").exists()
    assert loaded() == "Synthetic archive (tiny, seed 1, generator 2)"


def test_a_synthetic_archive_is_kept_or_replaced_by_another():
    generate()
    assert counts() == TINY
    assert "already loaded; nothing to do" in generate()

    # Another seed replaces it; so does --replace, the same seed.
    generate("--seed=2")
    assert loaded() == "Synthetic archive (tiny, seed 2, generator 2)"
    assert counts() == TINY
    Deal.objects.filter(pk=1).update(title="Edited by hand")  # an edit adds no record
    assert "Emptying the archive tables" in generate("--seed=2", "--replace")
    assert counts() == TINY
    assert Deal.objects.get(pk=1).title != "Edited by hand"
    assert Bid.objects.exists() and Deadline.objects.exists()
    # Every deal, bid and review has its status periods, the current one its status.
    for model, periods in (
        (Deal, DealStatusPeriod),
        (Bid, BidStatusPeriod),
        (Review, ReviewStatusPeriod),
    ):
        current = periods.objects.filter(is_current=True)
        assert current.count() == model.objects.count()
        assert not current.exclude(status=F(f"{model._meta.model_name}__status")).exists()


def test_an_archive_loaded_before_loads_recorded_their_extent_is_not_guessed_at():
    generate()
    Source.objects.filter(slug=MARKER_SLUG).update(homepage="")
    with pytest.raises(CommandError, match="loaded before loads recorded what they wrote"):
        generate("--seed=2")
    assert loaded() == "Synthetic archive (tiny, seed 1, generator 2)"


SPAN_COLUMNS = ("deal_id", "facet", "value", "status", "started_on", "until")


@pytest.mark.postgres(reason="the companies' roles and review spans are PostgreSQL's")
def test_the_rows_derived_per_deal_are_whole_after_a_load_and_follow_later_writes():
    # Derived once the archive is loaded, with their triggers off meanwhile:
    # whole, and the triggers on again.
    generate()
    roles = set(CompanyDealRole.objects.values_list("company_id", "role", "deal_id"))
    expected = {(deal.target_id, "target", deal.pk) for deal in Deal.objects.all()}
    expected |= {(d.seller_id, "seller", d.pk) for d in Deal.objects.exclude(seller=None)}
    expected |= {
        (company, "bidder", deal)
        for company, deal in Bid.bidders.through.objects.values_list("company_id", "bid__deal_id")
    }
    assert roles == expected
    spans = list(DealReviewSpan.objects.order_by().values_list(*SPAN_COLUMNS))
    with connection.cursor() as cursor:  # derived again from scratch
        cursor.execute(f"DELETE FROM {DealReviewSpan._meta.db_table}")
        cursor.execute(tallies.REVIEW_SPANS.derive_all_sql())
    assert spans and sorted(spans) == sorted(
        DealReviewSpan.objects.order_by().values_list(*SPAN_COLUMNS)
    )

    newcomer = CompanyFactory()
    BidFactory(deal=Deal.objects.first(), bidders=[newcomer])
    assert CompanyDealRole.objects.filter(company_id=newcomer.pk, role="bidder").exists()

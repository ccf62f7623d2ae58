import datetime

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory

from articles.models import (
    Article,
    Authority,
    Bid,
    Company,
    Deadline,
    Deal,
    Review,
    Source,
)

PASSWORD = "a long passphrase for tests"


class CuratorFactory(DjangoModelFactory):
    """A member of the curators group: staff, not a superuser, password PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"curator-{n}")
    password = factory.django.Password(PASSWORD)
    is_staff = True

    @factory.post_generation
    def curators_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="curators"))


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Gazette {n}")
    slug = factory.Sequence(lambda n: f"gazette-{n}")
    homepage = factory.Sequence(lambda n: f"https://gazette{n}.example/")


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    country = "US"


class DealFactory(DjangoModelFactory):
    class Meta:
        model = Deal

    title = factory.Sequence(lambda n: f"Deal {n}")
    slug = factory.Sequence(lambda n: f"deal-{n}")
    target = factory.SubFactory(CompanyFactory)
    deal_type = Deal.Type.ACQUISITION
    status = Deal.Status.ANNOUNCED
    announced_on = datetime.date(2024, 1, 15)
    countries = ["US"]


class BidFactory(DjangoModelFactory):
    class Meta:
        model = Bid
        skip_postgeneration_save = True

    deal = factory.SubFactory(DealFactory)
    status = Bid.Status.SUBMITTED
    submitted_on = datetime.date(2024, 2, 1)

    @factory.post_generation
    def bidders(self, create, extracted, **kwargs):
        if create:
            self.bidders.set(extracted or [CompanyFactory()])


class DeadlineFactory(DjangoModelFactory):
    class Meta:
        model = Deadline

    deal = factory.SubFactory(DealFactory)
    label = factory.Sequence(lambda n: f"Deadline {n}")
    kind = Deadline.Kind.REGULATORY_REVIEW
    due_on = datetime.date(2024, 6, 30)
    status = Deadline.Status.PENDING


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    url = factory.Sequence(lambda n: f"https://news.example/{n}")
    source = factory.SubFactory(SourceFactory)
    language = "en"
    published_on = datetime.date(2024, 3, 1)

    @factory.post_generation
    def deals(self, create, extracted, **kwargs):
        if create and extracted:
            self.deals.set(extracted)

    @factory.post_generation
    def companies(self, create, extracted, **kwargs):
        if create and extracted:
            self.companies.set(extracted)


class AuthorityFactory(DjangoModelFactory):
    class Meta:
        model = Authority

    name = factory.Sequence(lambda n: f"Competition Office {n}")
    short_name = factory.Sequence(lambda n: f"CO{n}")
    slug = factory.Sequence(lambda n: f"competition-office-{n}")
    jurisdiction = "GB"
    kind = Authority.Kind.COMPETITION


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    deal = factory.SubFactory(DealFactory)
    authority = factory.SubFactory(AuthorityFactory)
    kind = Review.Kind.MERGER_CONTROL
    phase = Review.Phase.PHASE_1
    opened_on = datetime.date(2024, 2, 1)
    status = Review.Status.UNDER_REVIEW

"""What the API shows of each record. Related records are linked by their
API address (``url``) and slug; a deal's detail embeds its first bids, with
their bidders, and its first deadlines. Choices are given as their codes (the schema
lists them), so that every answer is the same in every language. A deal's
detail embeds its reviews too, each with its authority; an authority links
to its reviews' list."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Article, Authority, Bid, Company, Deadline, Deal, Review, Source

COUNTRY = {"type": "string", "pattern": "^[A-Z]{2}$", "description": "An ISO 3166 code."}


@extend_schema_field({"type": "array", "items": COUNTRY})
class CountriesField(serializers.Field):
    """A CountryField(multiple=True) as a list of codes."""

    def to_representation(self, value: Any) -> list[str]:
        return [country.code for country in value]


@extend_schema_field({**COUNTRY, "nullable": True})
class CountryCodeField(serializers.Field):
    """A single country as its code, or null when none is given."""

    def to_representation(self, value: Any) -> str | None:
        return value.code or None


@extend_schema_field({"type": "string", "format": "uri", "description": "Its page on the site."})
class PageField(serializers.Field):
    """The record's page on the site, in English (an answer is the same in
    every language)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record: Any) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            path = record.get_absolute_url()
        url: str = self.context["request"].build_absolute_uri(path)
        return url


class ReadSerializer(serializers.ModelSerializer):
    """A model's fields as read: the model's validators check what curators
    save, and say nothing of what an answer holds (an inverted regex
    validator would even be described as the pattern values must match)."""

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs.pop("validators", None)
        return field_class, kwargs


PLACEHOLDER = "__record__"


@extend_schema_field({"type": "string", "format": "uri"})
class LinkField(serializers.Field):
    """A record's API address. The view's address is reversed once per
    answer and the record's slug or id put in: a page of a hundred bids
    with their bidders would otherwise reverse it hundreds of times."""

    def __init__(self, view: str, lookup: str = "slug", **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)
        self.view, self.lookup = f"api:{view}-detail", lookup

    def to_representation(self, record: Any) -> str:
        """The address of ``record``, or of the record whose slug or id it is."""
        templates = self.context.setdefault("link_templates", {})
        if self.view not in templates:
            path = reverse(self.view, kwargs={self.lookup: PLACEHOLDER})
            templates[self.view] = self.context["request"].build_absolute_uri(path)
        key = record if isinstance(record, int | str) else getattr(record, self.lookup)
        url: str = templates[self.view].replace(PLACEHOLDER, str(key))
        return url


def link(view: str, lookup: str = "slug") -> LinkField:
    return LinkField(view, lookup)


@extend_schema_field({"type": "string", "format": "uri"})
class ListLinkField(serializers.Field):
    """A list's API address, filtered to this record by its slug."""

    def __init__(self, view: str, param: str = "deal", **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)
        self.view, self.param = f"api:{view}-list", param

    def to_representation(self, record: Any) -> str:
        path = f"{reverse(self.view)}?{urlencode({self.param: record.slug})}"
        url: str = self.context["request"].build_absolute_uri(path)
        return url


class CompanyLinkSerializer(ReadSerializer):
    url = link("company")

    class Meta:
        model = Company
        fields = ["url", "slug", "name"]


class DealLinkSerializer(ReadSerializer):
    url = link("deal")

    class Meta:
        model = Deal
        fields = ["url", "slug", "title"]


class ArticleLinkSerializer(ReadSerializer):
    url = link("article")

    class Meta:
        model = Article
        fields = ["url", "slug", "title"]


class SourceLinkSerializer(ReadSerializer):
    url = link("source")

    class Meta:
        model = Source
        fields = ["url", "slug", "name"]


class SourceSerializer(ReadSerializer):
    url = link("source")

    class Meta:
        model = Source
        fields = ["url", "slug", "name", "homepage", "updated_at"]


class CompanySerializer(ReadSerializer):
    url = link("company")
    country = CountryCodeField()
    parent = CompanyLinkSerializer(allow_null=True)
    page = PageField()
    deals_url = ListLinkField("deal", "company", help_text="Its deals, in any role.")
    bids_url = ListLinkField("bid", "bidder", help_text="Its bids, alone or jointly.")
    articles_url = ListLinkField("article", "company", help_text="The articles naming it.")

    class Meta:
        model = Company
        fields = [
            "url",
            "slug",
            "name",
            "country",
            "parent",
            "website",
            "description",
            "page",
            "deals_url",
            "bids_url",
            "articles_url",
            "updated_at",
        ]


class DealSerializer(ReadSerializer):
    url = link("deal")
    target = CompanyLinkSerializer()
    seller = CompanyLinkSerializer(allow_null=True)
    countries = CountriesField()
    type = serializers.ChoiceField(source="deal_type", choices=Deal.Type.choices)
    page = PageField()

    class Meta:
        model = Deal
        fields = [
            "url",
            "slug",
            "title",
            "target",
            "seller",
            "countries",
            "type",
            "status",
            "announced_on",
            "closed_on",
            "value",
            "currency",
            "page",
            "updated_at",
        ]


class DealBidSerializer(ReadSerializer):
    """A bid as its deal's detail embeds it."""

    url = link("bid", "pk")
    bidders = CompanyLinkSerializer(many=True)
    countries = CountriesField()

    class Meta:
        model = Bid
        fields = [
            "url",
            "id",
            "bidders",
            "status",
            "countries",
            "amount",
            "currency",
            "submitted_on",
            "resolved_on",
            "note",
            "updated_at",
        ]


class DealDeadlineSerializer(ReadSerializer):
    """A deadline as its deal's detail embeds it."""

    url = link("deadline", "pk")
    # From the id: no query for the deadline it was extended to.
    extended_to = LinkField("deadline", "pk", source="extended_to_id", allow_null=True)

    class Meta:
        model = Deadline
        fields = [
            "url",
            "id",
            "label",
            "kind",
            "due_on",
            "set_by",
            "status",
            "extended_to",
            "note",
            "updated_at",
        ]


class AuthorityLinkSerializer(ReadSerializer):
    url = link("authority")

    class Meta:
        model = Authority
        fields = ["url", "slug", "name", "short_name", "jurisdiction"]


class AuthoritySerializer(ReadSerializer):
    url = link("authority")
    parent = AuthorityLinkSerializer(allow_null=True)
    page = PageField()
    reviews_url = ListLinkField("review", "authority", help_text="Its reviews.")
    deals_url = ListLinkField("deal", "authority", help_text="The deals it reviewed.")

    class Meta:
        model = Authority
        fields = [
            "url",
            "slug",
            "name",
            "short_name",
            "jurisdiction",
            "kind",
            "website",
            "parent",
            "page",
            "reviews_url",
            "deals_url",
            "updated_at",
        ]


class DealReviewSerializer(ReadSerializer):
    """A review as its deal's detail embeds it, with its authority."""

    url = link("review", "pk")
    authority = AuthorityLinkSerializer()

    class Meta:
        model = Review
        fields = [
            "url",
            "id",
            "authority",
            "case_reference",
            "kind",
            "phase",
            "status",
            "opened_on",
            "phase_started_on",
            "decided_on",
            "remedies",
            "note",
            "updated_at",
        ]


class DealDetailSerializer(DealSerializer):
    """A deal with its first bids, deadlines and reviews (EMBEDDED of each,
    in their order); the list each link to holds them all."""

    bids = DealBidSerializer(many=True, source="first_bids")
    bid_count = serializers.IntegerField(help_text="How many bids the deal has in all.")
    bids_url = ListLinkField("bid", help_text="Every bid of the deal.")
    deadlines = DealDeadlineSerializer(many=True, source="first_deadlines")
    deadline_count = serializers.IntegerField(help_text="How many deadlines it has in all.")
    deadlines_url = ListLinkField("deadline", help_text="Every deadline of the deal.")
    reviews = DealReviewSerializer(many=True, source="first_reviews")
    review_count = serializers.IntegerField(help_text="How many reviews it has in all.")
    reviews_url = ListLinkField("review", help_text="Every review of the deal.")

    class Meta(DealSerializer.Meta):
        fields = [*DealSerializer.Meta.fields, "summary", "created_at", "bids", "bid_count",
                  "bids_url", "deadlines", "deadline_count", "deadlines_url", "reviews",
                  "review_count", "reviews_url"]  # fmt: skip


class BidSerializer(DealBidSerializer):
    deal = DealLinkSerializer()
    sources = ArticleLinkSerializer(many=True)

    class Meta(DealBidSerializer.Meta):
        fields = [*DealBidSerializer.Meta.fields, "deal", "sources"]


class DeadlineSerializer(DealDeadlineSerializer):
    deal = DealLinkSerializer()
    sources = ArticleLinkSerializer(many=True)

    class Meta(DealDeadlineSerializer.Meta):
        fields = [*DealDeadlineSerializer.Meta.fields, "deal", "sources"]


class ReviewSerializer(DealReviewSerializer):
    deal = DealLinkSerializer()
    sources = ArticleLinkSerializer(many=True)

    class Meta(DealReviewSerializer.Meta):
        fields = [*DealReviewSerializer.Meta.fields, "deal", "sources"]


class ArticleSerializer(ReadSerializer):
    url = link("article")
    link = serializers.URLField(source="url", allow_null=True, help_text="The original article.")
    source = SourceLinkSerializer()
    deals = DealLinkSerializer(many=True)
    companies = CompanyLinkSerializer(many=True)
    page = PageField()

    class Meta:
        model = Article
        fields = [
            "url",
            "slug",
            "title",
            "link",
            "source",
            "language",
            "published_on",
            "author",
            "summary",
            "deals",
            "companies",
            "page",
            "updated_at",
        ]


class DeletionSerializer(serializers.Serializer):
    """A record deleted, from its history: its id (and slug), and when."""

    id = serializers.IntegerField()
    slug = serializers.CharField(allow_null=True, help_text="Null for bids, deadlines and reviews.")
    deleted_at = serializers.DateTimeField(source="history_date")


class ErrorSerializer(serializers.Serializer):
    """Why a request was refused."""

    detail = serializers.CharField()

"""The API's viewsets: thin, as the site's views are. Querysets say what to
read (articles.querysets), FilterSets what a list may be asked
(articles.filters), ``params`` what each parameter accepts, ``pagination``
where a page starts.

Every answer but an error carries the archive's version as its ETag and the
time it moved as Last-Modified (articles.freshness): a client that sends
either back while the archive has not changed gets a 304, read in one query
(once its parameters are known to be well formed).

A new kind of record takes one ``ArchiveViewSet`` subclass, decorated with
``documented``, and a line in ``VIEWSETS`` (below).
"""

from collections.abc import Sequence
from typing import Any

from django.db.models import F, Model, Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers as drf_serializers
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from .. import counting, freshness
from ..filters import (
    ApiArticleFilterSet,
    ApiDeadlineFilterSet,
    AuthorityFilterSet,
    BidFilterSet,
    CompanyFilterSet,
    DealFilterSet,
    ReviewFilterSet,
)
from ..freshness import cached_count
from ..models import Article, Authority, Bid, Company, Deadline, Deal, Review, Source
from . import pagination, params, serializers
from .negotiation import JSONOnly
from .params import Param


class ApiSchema(AutoSchema):
    """Every answer is an object, lists included: a page holds its rows in
    ``results`` (``page_of``), not a bare array."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False


class NotModified(Exception):
    """The client already has this version of the answer."""


class ArchiveViewSet(viewsets.ReadOnlyModelViewSet):
    """A kind of record as a list, a detail and the list of those deleted."""

    filterset_class: Any = None  # the site's FilterSet for this list, if any
    ordering: Sequence[Any] = ("pk",)  # a total order (paged by keyset)
    detail_serializer_class: Any = None
    lookup_field = "slug"
    # Any text up to a slash reaches the view, so that even a malformed
    # identifier gets the API's JSON 404 (the schema gives its form).
    lookup_value_regex = "[^/]+"
    lookup_pattern = "^[-a-zA-Z0-9_]+$"
    version: freshness.Version
    schema = ApiSchema()
    content_negotiation_class = JSONOnly

    @classmethod
    def list_params(cls) -> list[Param]:
        return [
            *params.filter_params(cls.filterset_class),
            params.UPDATED_SINCE,
            params.TOTAL,
            *params.PAGING,
        ]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # The API is outside the /fr/ prefix: its messages follow Accept-Language.
        language = translation.get_language_from_request(request._request)
        translation.activate(language)
        request._request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        if response.status_code in (200, 304) and hasattr(self, "version"):
            response["ETag"] = self.etag()
            if self.version.changed_at is not None:
                response["Last-Modified"] = http_date(self.version.changed_at.timestamp())
        return response

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, NotModified):
            return Response(status=304)
        return super().handle_exception(exc)

    def etag(self) -> str:
        return f'"archive-{self.version.number}"'

    def check_not_modified(self, request: Request) -> None:
        """A 304 if the client's copy is of the current version. Only once
        the parameters are known to be well formed: a refused request has
        no version."""
        self.version = freshness.current()
        changed_at = self.version.changed_at
        response = get_conditional_response(
            request._request,
            etag=self.etag(),
            last_modified=int(changed_at.timestamp()) if changed_at else None,
        )
        if response is not None and response.status_code == 304:
            raise NotModified

    # The list -------------------------------------------------------------

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        values = params.clean(self.list_params(), dict(request.query_params.lists()))
        # Before the filters are looked up: the same address at the same
        # version looks them up the same way, so a client's copy is current.
        self.check_not_modified(request)
        return Response(self.kept(request, values, lambda: self.page(request, values)))

    def kept(self, request: Request, values: dict[str, Any], answer: Any) -> Any:
        """``answer()``, kept until the archive changes (the ``api`` layer of
        articles.freshness): a list's first page, a record. Not a time of the
        client's (updated_since) nor a cursor: those addresses seldom repeat,
        and would push the others out of the cache."""
        if {"updated_since", "cursor"} & values.keys():
            return answer()
        parts = (request.get_full_path(), request.get_host(), request.scheme)
        return freshness.cached("api", parts, answer)

    def page(self, request: Request, values: dict[str, Any]) -> dict[str, Any]:
        queryset, filterset = self.filtered(request, values)
        page = pagination.paginate(queryset, self.ordering_for(filterset), request, values)
        return {
            "count": self.count(filterset, queryset, values),
            "next": page.next_url,
            "results": self.get_serializer(page.rows, many=True).data,
        }

    def filtered(self, request: Request, values: dict[str, Any]) -> tuple[QuerySet[Any], Any]:
        """The list as the filters (the site's, checked as on the site) and
        updated_since leave it; a 400 naming each filter refused."""
        queryset = self.get_queryset()
        filterset = None
        if self.filterset_class is not None:
            filterset = self.filterset_class(
                request.query_params, queryset=queryset, request=request._request
            )
            if not filterset.is_valid():
                raise ValidationError(
                    {name: list(errors) for name, errors in filterset.form.errors.items()}
                )
            queryset = filterset.qs
        if since := values.get("updated_since"):
            queryset = queryset.filter(updated_at__gte=since)
        return queryset, filterset

    def ordering_for(self, filterset: Any) -> Sequence[Any]:
        return self.ordering

    def count(self, filterset: Any, queryset: QuerySet[Any], values: dict[str, Any]) -> int | None:
        """The list's length where a tally knows it, or when asked (total=true:
        counted, and kept until the archive changes)."""
        known = None
        if filterset is not None and "updated_since" not in values:
            known = self.cheap_count(filterset)
        if known is None and values.get("total"):
            known = cached_count(queryset.order_by())
        return known

    def cheap_count(self, filterset: Any) -> int | None:
        return None

    # A record -------------------------------------------------------------

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params.clean([], dict(request.query_params.lists()))
        identifier = kwargs[self.lookup_field]
        if self.lookup_field == "pk" and not (identifier.isdigit() and len(identifier) < 19):
            raise NotFound

        def answer() -> Any:
            record = get_object_or_404(self.get_queryset(), **{self.lookup_field: identifier})
            self.check_not_modified(request)
            self.prefetch(record)
            serializer_class = self.detail_serializer_class or self.serializer_class
            return serializer_class(record, context=self.get_serializer_context()).data

        data = self.kept(request, {}, answer)
        self.check_not_modified(request)  # kept: the record is there at this version
        return Response(data)

    def prefetch(self, record: Any) -> None:
        """Read what a record's detail shows besides its own row (its
        queryset's prefetches are for lists)."""

    # Deletions ------------------------------------------------------------

    @action(detail=False, url_path="deleted")
    def deleted(self, request: Request) -> Response:
        """The records deleted since a time and not restored, oldest first,
        from the history kept of every change."""
        values = params.clean([params.SINCE, *params.PAGING], dict(request.query_params.lists()))
        model: type[Model] = self.get_queryset().model
        deletions = model.history.filter(  # type: ignore[attr-defined]  # simple_history's
            history_type="-", history_date__gte=values["since"]
        ).exclude(id__in=model._default_manager.values("pk"))
        self.check_not_modified(request)
        page = pagination.paginate(deletions, ["history_date", "history_id"], request, values)
        rows = [
            {"id": row.id, "slug": getattr(row, "slug", None), "history_date": row.history_date}
            for row in page.rows
        ]
        return Response(
            {
                "count": None,
                "next": page.next_url,
                "results": serializers.DeletionSerializer(rows, many=True).data,
            }
        )


# The schema ---------------------------------------------------------------

VERSION_HEADERS = [
    OpenApiParameter(
        "ETag",
        str,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="The archive's version: send it back as If-None-Match.",
    ),
    OpenApiParameter(
        "Last-Modified",
        str,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="When the archive last changed.",
    ),
    OpenApiParameter(
        "Retry-After",
        int,
        OpenApiParameter.HEADER,
        response=[429],
        description="Seconds to wait before asking again.",
    ),
    OpenApiParameter(
        "If-None-Match",
        str,
        OpenApiParameter.HEADER,
        description="An ETag this address gave: 304 if the archive has not changed.",
    ),
    OpenApiParameter(
        "If-Modified-Since",
        str,
        OpenApiParameter.HEADER,
        description="A Last-Modified this address gave: 304 if nothing changed since.",
    ),
]
PARAMETER_ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def answers(ok: Any, *, not_found: str) -> dict[int, Any]:
    return {
        200: ok,
        304: OpenApiResponse(description="Not modified: the client's copy is current."),
        400: OpenApiResponse(
            PARAMETER_ERRORS,
            description="A parameter refused: for each, why (in the language of "
            "Accept-Language, English or French).",
        ),
        404: OpenApiResponse(serializers.ErrorSerializer, description=not_found),
        429: OpenApiResponse(
            serializers.ErrorSerializer,
            description="Too many requests from this client: wait Retry-After seconds.",
        ),
    }


def page_of(serializer: type[drf_serializers.Serializer], name: str) -> Any:
    return inline_serializer(
        f"{name}Page",
        {
            "count": drf_serializers.IntegerField(
                allow_null=True,
                help_text="How many records the whole list holds: given where a tally "
                "knows it, or when asked (total=true); null otherwise.",
            ),
            "next": drf_serializers.URLField(
                allow_null=True, help_text="The next page, or null on the last."
            ),
            "results": serializer(many=True),
        },
    )


def documented[V: type[ArchiveViewSet]](viewset: V) -> V:
    """The viewset's operations described in the schema: every parameter, and
    every answer (200, 304, 400, 404, 429)."""
    name = viewset.serializer_class.Meta.model.__name__
    path_type = (
        {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
        if viewset.lookup_field == "pk"
        else {"type": "string", "pattern": viewset.lookup_pattern, "maxLength": 300}
    )
    # The schema names a primary key "id", as REST framework's own schemas do.
    path_name = "id" if viewset.lookup_field == "pk" else viewset.lookup_field
    lookup = OpenApiParameter(path_name, path_type, OpenApiParameter.PATH)
    operation = name.lower()
    detail = viewset.detail_serializer_class or viewset.serializer_class
    cursor_gone = "A cursor this list did not give."
    return extend_schema_view(
        list=extend_schema(
            operation_id=f"{operation}_list",
            parameters=[*params.openapi(viewset.list_params()), *VERSION_HEADERS],
            responses=answers(page_of(viewset.serializer_class, name), not_found=cursor_gone),
        ),
        retrieve=extend_schema(
            operation_id=f"{operation}_retrieve",
            parameters=[lookup, *VERSION_HEADERS],
            responses=answers(detail, not_found=f"No such {name.lower()}."),
        ),
        deleted=extend_schema(
            operation_id=f"{operation}_deleted",
            parameters=[*params.openapi([params.SINCE, *params.PAGING]), *VERSION_HEADERS],
            responses=answers(
                page_of(serializers.DeletionSerializer, f"Deleted{name}"), not_found=cursor_gone
            ),
        ),
    )(viewset)


# The records --------------------------------------------------------------


@documented
class DealViewSet(ArchiveViewSet):
    """Deals, filtered exactly as /deals/ is (the same FilterSet); a deal's
    record embeds its first bids, deadlines and reviews."""

    serializer_class = serializers.DealSerializer
    detail_serializer_class = serializers.DealDetailSerializer
    filterset_class = DealFilterSet
    # A deal's detail embeds its first bids and deadlines, not the thousands
    # a giant's may have (the bid and deadline lists page through them all).
    embedded = 100

    def get_queryset(self) -> QuerySet[Any]:
        return Deal.objects.defer("search_vector").select_related("target", "seller")

    def prefetch(self, deal: Any) -> None:
        bids = Bid.objects.prefetch_related("bidders")[: self.embedded]
        deadlines = Deadline.objects.all()[: self.embedded]
        reviews = Review.objects.select_related("authority")[: self.embedded]
        prefetch_related_objects(
            [deal],
            Prefetch("bids", queryset=bids, to_attr="first_bids"),
            Prefetch("deadlines", queryset=deadlines, to_attr="first_deadlines"),
            Prefetch("reviews", queryset=reviews, to_attr="first_reviews"),
        )
        embedded = (
            ("bids", deal.first_bids),
            ("deadlines", deal.first_deadlines),
            ("reviews", deal.first_reviews),
        )
        for parts, first in embedded:
            count = len(first)
            if count == self.embedded:  # perhaps more: counted once per version
                count = cached_count(getattr(deal, parts).all())
            setattr(deal, f"{parts.removesuffix('s')}_count", count)

    def ordering_for(self, filterset: Any) -> Sequence[Any]:
        return [*filterset.ordering()]

    def cheap_count(self, filterset: Any) -> int | None:
        return filterset.counts.total if counting.tally_answers(filterset) else None


@documented
class CompanyViewSet(ArchiveViewSet):
    """Companies, filtered as /companies/ is, by name."""

    serializer_class = serializers.CompanySerializer
    filterset_class = CompanyFilterSet
    ordering = ("name", "pk")

    def get_queryset(self) -> QuerySet[Any]:
        return Company.objects.for_list()


@documented
class ArticleViewSet(ArchiveViewSet):
    """Articles, newest first, filtered as /articles/ is."""

    serializer_class = serializers.ArticleSerializer
    filterset_class = ApiArticleFilterSet
    ordering = (F("published_on").desc(), "-pk")

    def get_queryset(self) -> QuerySet[Any]:
        return Article.objects.for_list()

    def cheap_count(self, filterset: Any) -> int | None:
        return filterset.counts.total


@documented
class BidViewSet(ArchiveViewSet):
    """Bids, the latest recorded first."""

    serializer_class = serializers.BidSerializer
    filterset_class = BidFilterSet
    ordering = ("-pk",)
    lookup_field = "pk"

    def get_queryset(self) -> QuerySet[Any]:
        return Bid.objects.select_related("deal").prefetch_related(
            "bidders", Prefetch("sources", queryset=Article.objects.only("pk", "slug", "title"))
        )


@documented
class DeadlineViewSet(ArchiveViewSet):
    """Deadlines, soonest first, filtered as /deadlines/ is."""

    serializer_class = serializers.DeadlineSerializer
    filterset_class = ApiDeadlineFilterSet
    ordering = ("due_on", "pk")
    lookup_field = "pk"

    def get_queryset(self) -> QuerySet[Any]:
        return Deadline.objects.select_related("deal").prefetch_related(
            Prefetch("sources", queryset=Article.objects.only("pk", "slug", "title"))
        )


@documented
class SourceViewSet(ArchiveViewSet):
    """Sources, by name."""

    serializer_class = serializers.SourceSerializer
    ordering = ("name", "pk")

    def get_queryset(self) -> QuerySet[Any]:
        return Source.objects.all()


@documented
class AuthorityViewSet(ArchiveViewSet):
    """Authorities, by name, filtered as /authorities/ is."""

    serializer_class = serializers.AuthoritySerializer
    filterset_class = AuthorityFilterSet
    ordering = ("name", "pk")

    def get_queryset(self) -> QuerySet[Any]:
        return Authority.objects.select_related("parent")


@documented
class ReviewViewSet(ArchiveViewSet):
    """Reviews, the earliest opened first (those of unknown opening last)."""

    serializer_class = serializers.ReviewSerializer
    filterset_class = ReviewFilterSet
    ordering = ("opened_on", "pk")
    lookup_field = "pk"

    def get_queryset(self) -> QuerySet[Any]:
        return Review.objects.select_related("deal", "authority").prefetch_related(
            Prefetch("sources", queryset=Article.objects.only("pk", "slug", "title"))
        )


# Each kind of record: its address under /api/v1/, and its name in URL names
# (api:deal-list, api:deal-detail, api:deal-deleted).
VIEWSETS: list[tuple[str, type[ArchiveViewSet], str]] = [
    ("deals", DealViewSet, "deal"),
    ("companies", CompanyViewSet, "company"),
    ("articles", ArticleViewSet, "article"),
    ("bids", BidViewSet, "bid"),
    ("deadlines", DeadlineViewSet, "deadline"),
    ("sources", SourceViewSet, "source"),
    ("authorities", AuthorityViewSet, "authority"),
    ("reviews", ReviewViewSet, "review"),
]

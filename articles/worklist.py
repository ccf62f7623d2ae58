"""The curators' worklist on the admin's index: what in the archive needs
attention, each with its count and a link to the admin's list of it.

Each item is a filter of an admin list (the list filters below, or a date
filter the admin already has), so that the link shows exactly what was
counted."""

import datetime
from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from . import company_names
from .models import Article, Bid, Company, Deadline, Deal


class NoArticleFilter(admin.SimpleListFilter):
    """Deals that no article covers."""

    title = _("articles")
    parameter_name = "articles"

    def lookups(self, request, model_admin):
        return [("none", _("No article"))]

    def queryset(self, request, queryset):
        return deals_without_article(queryset) if self.value() == "none" else queryset


class NoDealFilter(admin.SimpleListFilter):
    """Articles linked to no deal."""

    title = _("deals")
    parameter_name = "deals"

    def lookups(self, request, model_admin):
        return [("none", _("No deal"))]

    def queryset(self, request, queryset):
        return articles_without_deal(queryset) if self.value() == "none" else queryset


class LikelyDuplicateFilter(admin.SimpleListFilter):
    """Companies whose name is near another's: differing only by case,
    accents, punctuation or a legal form, or similar (PostgreSQL)."""

    title = _("duplicates")
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("likely", _("Likely duplicates"))]

    def queryset(self, request, queryset):
        return likely_duplicates(queryset) if self.value() == "likely" else queryset


def deals_without_article(deals: QuerySet[Deal]) -> QuerySet[Deal]:
    return deals.exclude(Exists(Article.deals.through.objects.filter(deal=OuterRef("pk"))))


def articles_without_deal(articles: QuerySet[Article]) -> QuerySet[Article]:
    return articles.exclude(Exists(Article.deals.through.objects.filter(article=OuterRef("pk"))))


def likely_duplicates(companies: QuerySet[Company]) -> QuerySet[Company]:
    """The companies whose name is near another's, by the rule of the desk's
    "did you mean …?" (articles.company_names)."""
    return companies.filter(pk__in=company_names.likely_duplicates())


@dataclass(frozen=True)
class Item:
    label: str
    count: int
    url: str


def _link(model: str, **params: str) -> str:
    return f"{reverse(f'admin:articles_{model}_changelist')}?{urlencode(params)}"


def items(user, today: datetime.date) -> list[Item]:
    """What needs attention, among the records ``user`` may see. Runs one
    count query per item."""
    found = []
    if user.has_perm("articles.view_deadline"):
        overdue = Deadline.objects.filter(status=Deadline.Status.PENDING, due_on__lt=today)
        found.append(
            Item(
                str(_("Deadlines passed but still pending")),
                overdue.count(),
                _link("deadline", status__exact="pending", due_on__lt=today.isoformat()),
            )
        )
    if user.has_perm("articles.view_deal"):
        found.append(
            Item(
                str(_("Deals with no article")),
                deals_without_article(Deal.objects.all()).count(),
                _link("deal", articles="none"),
            )
        )
    if user.has_perm("articles.view_bid"):
        found.append(
            Item(
                str(_("Bids with no date")),
                Bid.objects.filter(submitted_on__isnull=True).count(),
                _link("bid", submitted_on__isnull="True"),
            )
        )
    if user.has_perm("articles.view_article"):
        found.append(
            Item(
                str(_("Articles linked to no deal")),
                articles_without_deal(Article.objects.all()).count(),
                _link("article", deals="none"),
            )
        )
    if user.has_perm("articles.view_company"):
        found.append(
            Item(
                str(_("Companies that look like duplicates")),
                len(company_names.likely_duplicates()),
                _link("company", duplicates="likely"),
            )
        )
    return found

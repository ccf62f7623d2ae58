"""The deal-news archive: sources, articles, companies, deals, bids, deadlines.

Every rule that must hold is a database constraint, so that no path around the
admin (a shell, an import, a bulk update) can store nonsense; ``clean()`` only
adds friendlier messages for what the database cannot express.
"""

import datetime

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower, Now
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .locale_data import (
    currency_choices,
    currency_codes,
    jurisdiction_choices,
    language_choices,
    language_codes,
)
from .lookups import AnyOf
from .querysets import (
    ArticleQuerySet,
    AuthorityQuerySet,
    BidQuerySet,
    CompanyDealRoleQuerySet,
    CompanyQuerySet,
    DeadlineQuerySet,
    DealQuerySet,
    EarlyStatusPeriodQuerySet,
    ReviewQuerySet,
    ReviewSpanQuerySet,
    StatusDayTallyQuerySet,
    StatusPeriodQuerySet,
)
from .text import FORBIDDEN
from .timetables import Computed, UnknownRule, regime_for, statutory_decision


def _currency_rules(amount_field: str, prefix: str) -> list[models.CheckConstraint]:
    """Constraints shared by every money amount: never negative, and with an
    ISO 4217 currency whenever an amount is given."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{amount_field}__isnull": True}) | Q(**{f"{amount_field}__gte": 0}),
            name=f"{prefix}_{amount_field}_not_negative",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{amount_field}__isnull": True}) | ~Q(currency=""),
            name=f"{prefix}_currency_given_with_{amount_field}",
        ),
        models.CheckConstraint(
            condition=Q(currency="") | Q(currency__in=currency_codes()),
            name=f"{prefix}_currency_is_iso_code",
        ),
    ]


# A curator sees this only for text typed outside the admin's forms, which
# clean it (articles.text).
plain_text = RegexValidator(
    FORBIDDEN,
    inverse_match=True,
    message=_(
        "Remove the control characters (a vertical tab, a form feed…) from this text: "
        "backups and feeds cannot carry them."
    ),
    code="control_characters",
)


# Every date a curator gives falls in these years (issue 13, finding 10: a
# deadline due 9999-12-31 made every calendar fail, adding a day to it).
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

_plausible_date_message = format_lazy(
    _("Give a date between {earliest} and {latest}."),
    earliest=EARLIEST_DATE.year,
    latest=LATEST_DATE.year,
)
plausible_date = [
    MinValueValidator(EARLIEST_DATE, message=_plausible_date_message),
    MaxValueValidator(LATEST_DATE, message=_plausible_date_message),
]


def _plausible_date_rules(prefix: str, fields: list[str]) -> list[models.CheckConstraint]:
    """Each date, when given, between EARLIEST_DATE and LATEST_DATE."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{field}__isnull": True})
            | Q(**{f"{field}__range": (EARLIEST_DATE, LATEST_DATE)}),
            name=f"{prefix}_{field}_plausible",
        )
        for field in fields
    ]


def _plain_text_rules(prefix: str, fields: list[str]) -> list[models.CheckConstraint]:
    """No character XML cannot carry in these text fields (articles.text)."""
    return [
        models.CheckConstraint(
            condition=~Q(**{f"{field}__regex": FORBIDDEN}),
            name=f"{prefix}_{field}_no_control_characters",
        )
        for field in fields
    ]


def _choices_rule(field: str, choices: type[models.TextChoices], prefix: str):
    # Choices alone do not bind the database.
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}),
        name=f"{prefix}_{field}_valid",
    )


def _currency_field():
    return models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        choices=currency_choices,
        help_text=_("ISO 4217 code, required whenever an amount is given."),
    )


class Source(models.Model):
    """A publication: a newspaper, a news site, a wire, a press office."""

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[plain_text])
    slug = models.SlugField(_("slug"), max_length=200, unique=True, validators=[plain_text])
    homepage = models.URLField(_("homepage"), blank=True, validators=[plain_text])
    # Its version, against edit conflicts (articles.edit_conflicts).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())

    # Every change kept with who and when, restorable from the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [*_plain_text_rules("source", ["name", "slug", "homepage"])]
        indexes = [
            # The API's /api/v1/sources/?updated_since=.
            models.Index(fields=["updated_at"], name="source_updated_idx"),
        ]

    def __str__(self):
        return self.name


class SourceDomain(models.Model):
    """A web domain a source publishes under: the story desk finds an
    article's source from its link's domain."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="domains"
    )
    domain = models.CharField(
        _("domain"),
        max_length=253,
        unique=True,
        help_text=_("Without “www.”, in lower case: zdnet.fr."),
        validators=[plain_text],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["domain"]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            models.CheckConstraint(
                condition=Q(domain=Lower("domain")) & ~Q(domain__startswith="www.") & ~Q(domain=""),
                name="source_domain_lowercase_without_www",
            ),
            *_plain_text_rules("source_domain", ["domain"]),
        ]

    def __str__(self):
        return self.domain


class Company(models.Model):
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The name the company is known by."),
        validators=[plain_text],
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, validators=[plain_text])
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("Where the company is headquartered."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidiaries",
        help_text=_("The company that owns it, if any (TikTok's parent is ByteDance)."),
    )
    website = models.URLField(_("website"), blank=True, validators=[plain_text])
    description = models.TextField(_("description"), blank=True, validators=[plain_text])
    # Its version, against edit conflicts (articles.edit_conflicts).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())
    # Kept current by a PostgreSQL trigger (migration 0003); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = CompanyQuerySet.as_manager()
    # The search vector is derived by the database, not curated.
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="company_not_its_own_parent"),
            *_plain_text_rules("company", ["name", "slug", "website", "description"]),
        ]
        indexes = [
            # Company picker and /companies/ search: name prefix and ordering.
            models.Index(fields=["name"], name="company_name_idx"),
            # /companies/?country= and the admin's country filter of companies.
            # (/deals/?country= reads the deal's own countries, not its parties'.)
            models.Index(fields=["country"], name="company_country_idx"),
            # /search/: companies, and deals through their parties.
            GinIndex(fields=["search_vector"], name="company_search_idx"),
            # The API's /api/v1/companies/?updated_since=.
            models.Index(fields=["updated_at"], name="company_updated_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:company_detail", kwargs={"slug": self.slug})

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A company cannot be owned by itself or its own subsidiary.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class DealType(models.TextChoices):
    ACQUISITION = "acquisition", _("Acquisition")
    MERGER = "merger", _("Merger")
    DIVESTITURE = "divestiture", _("Divestiture")
    FORCED_SALE = "forced_sale", _("Forced sale")
    MINORITY_STAKE = "minority_stake", _("Minority stake")
    PARTNERSHIP = "partnership", _("Partnership")
    JOINT_VENTURE = "joint_venture", _("Joint venture")


class DealStatus(models.TextChoices):
    RUMOURED = "rumoured", _("Rumoured")
    IN_TALKS = "in_talks", _("In talks")
    ANNOUNCED = "announced", _("Announced")
    PENDING_APPROVAL = "pending_approval", _("Pending approval")
    COMPLETED = "completed", _("Completed")
    ABANDONED = "abandoned", _("Abandoned")
    BLOCKED = "blocked", _("Blocked")


class Deal(models.Model):
    # Choices live at module level so Meta can name them; they read as Deal.Status.
    Type = DealType
    Status = DealStatus

    OPEN_STATUSES = (
        Status.RUMOURED,
        Status.IN_TALKS,
        Status.ANNOUNCED,
        Status.PENDING_APPROVAL,
    )

    title = models.CharField(_("title"), max_length=300, validators=[plain_text])
    slug = models.SlugField(_("slug"), max_length=300, unique=True, validators=[plain_text])
    target = models.ForeignKey(
        Company,
        verbose_name=_("target"),
        on_delete=models.PROTECT,
        related_name="deals_as_target",
        help_text=_("The company, or the business of a company, being bought or sold."),
    )
    seller = models.ForeignKey(
        Company,
        verbose_name=_("seller"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deals_as_seller",
        help_text=_("Who sells, when it is not the target's own shareholders."),
    )
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("The markets or jurisdictions the deal covers."),
    )
    deal_type = models.CharField(_("type"), max_length=20, choices=Type, default=Type.ACQUISITION)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.RUMOURED)
    announced_on = models.DateField(
        _("announced on"),
        null=True,
        blank=True,
        help_text=_("When the deal, or the order forcing it, was made public."),
        validators=plausible_date,
    )
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_("When it completed, was abandoned or was blocked."),
        validators=plausible_date,
    )
    value = models.DecimalField(
        _("value"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The headline value of the deal, if reported."),
    )
    currency = _currency_field()
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("The story so far, in our own words."),
        validators=[plain_text],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Kept current by a PostgreSQL trigger (migration 0003); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = DealQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["-announced_on", "title"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        constraints = [
            _choices_rule("status", DealStatus, "deal"),
            _choices_rule("deal_type", DealType, "deal"),
            *_currency_rules("value", "deal"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(announced_on__isnull=True)
                | Q(closed_on__gte=F("announced_on")),
                name="deal_closed_not_before_announced",
            ),
            models.CheckConstraint(
                condition=Q(seller__isnull=True) | ~Q(seller=F("target")),
                name="deal_seller_is_not_target",
            ),
            *_plain_text_rules("deal", ["title", "slug", "summary"]),
            *_plausible_date_rules("deal", ["announced_on", "closed_on"]),
        ]
        indexes = [
            # /deals/?status= and its facet counts.
            models.Index(fields=["status", "announced_on"], name="deal_status_announced_idx"),
            # /deals/?type= and its facet counts.
            models.Index(fields=["deal_type", "announced_on"], name="deal_type_announced_idx"),
            # The default order of /deals/ and announced_after/before.
            models.Index(fields=["announced_on", "title"], name="deal_announced_idx"),
            # /deals/?sort=title.
            models.Index(fields=["title"], name="deal_title_idx"),
            # A company's page: its latest deals as seller and as target.
            models.Index(
                fields=["seller", "-announced_on", "title"], name="deal_seller_newest_idx"
            ),
            models.Index(
                fields=["target", "-announced_on", "title"], name="deal_target_newest_idx"
            ),
            # /deals/?sort=-value.
            models.Index(fields=["value"], name="deal_value_idx"),
            # Sorting the admin's deal list by its countries. Not /deals/?country=:
            # the codes are stored together ("AU,CA,NZ,US"), and a B-tree over the
            # whole string cannot find one code inside it; on PostgreSQL that filter
            # uses the GIN index deal_countries_gin (migration 0004), on SQLite none.
            models.Index(fields=["countries"], name="deal_countries_idx"),
            # /search/: deals by title and summary.
            GinIndex(fields=["search_vector"], name="deal_search_idx"),
            # The API's /api/v1/deals/?updated_since=.
            models.Index(fields=["updated_at"], name="deal_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:deal_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.closed_on and self.announced_on and self.closed_on < self.announced_on:
            errors["closed_on"] = _("A deal cannot close before it was announced.")
        if self.value is not None and self.value < 0:
            errors["value"] = _("A value cannot be negative.")
        if self.value is not None and not self.currency:
            errors["currency"] = _("Give the currency of the value.")
        if self.seller_id and self.seller_id == self.target_id:
            errors["seller"] = _("The seller cannot be the target itself.")
        if errors:
            raise ValidationError(errors)


# A q= list's matches, read by id in each of its queries (articles.lookups).
Deal._meta.pk.register_lookup(AnyOf)


class AuthorityKind(models.TextChoices):
    COMPETITION = "competition", _("Competition authority")
    FOREIGN_INVESTMENT = "foreign_investment", _("Foreign-investment screening")
    SECTOR_REGULATOR = "sector_regulator", _("Sector regulator")
    COURT = "court", _("Court")
    GOVERNMENT = "government", _("Government")


class Authority(models.Model):
    """Who reviews deals: a competition authority, a screening committee, a
    regulator, a court or a government."""

    Kind = AuthorityKind

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        help_text=_("Its full name: Competition and Markets Authority."),
        validators=[plain_text],
    )
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("The name it is known by: CMA, FTC, CFIUS, DG COMP."),
        validators=[plain_text],
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, validators=[plain_text])
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=2,
        choices=jurisdiction_choices,
        help_text=_("The country (ISO 3166 code) or the region (EU) it acts for."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMPETITION)
    website = models.URLField(_("website"), blank=True, validators=[plain_text])
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("The government or body it belongs to, where useful."),
    )
    # Its version, against edit conflicts (articles.edit_conflicts).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())

    objects = AuthorityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        constraints = [
            _choices_rule("kind", AuthorityKind, "authority"),
            # Two capital letters: an ISO 3166 code or a region's (EU).
            models.CheckConstraint(
                condition=Q(jurisdiction__regex=r"^[A-Z]{2}$"),
                name="authority_jurisdiction_is_code",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="authority_not_part_of_itself"
            ),
            *_plain_text_rules("authority", ["name", "short_name", "slug", "website"]),
        ]
        indexes = [
            # /authorities/?jurisdiction= and /deals/?jurisdiction= (through reviews).
            models.Index(fields=["jurisdiction", "name"], name="authority_jurisdiction_idx"),
            # /authorities/?kind=.
            models.Index(fields=["kind", "name"], name="authority_kind_idx"),
            # The API's ?updated_since=.
            models.Index(fields=["updated_at"], name="authority_updated_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def get_absolute_url(self):
        return reverse("articles:authority_detail", kwargs={"slug": self.slug})

    @property
    def label(self) -> str:
        """The short name, or the name when it has none."""
        return self.short_name or self.name


class ReviewKind(models.TextChoices):
    MERGER_CONTROL = "merger_control", _("Merger control")
    FOREIGN_INVESTMENT = "foreign_investment", _("Foreign investment or national security")
    SECTOR_APPROVAL = "sector_approval", _("Sector approval")
    COURT_CASE = "court_case", _("Court case")


class ReviewPhase(models.TextChoices):
    PRE_NOTIFICATION = "pre_notification", _("Pre-notification")
    PHASE_1 = "phase_1", _("Phase 1")
    PHASE_2 = "phase_2", _("Phase 2 (in depth)")
    COURT = "court", _("In court")


class ReviewStatus(models.TextChoices):
    UNDER_REVIEW = "under_review", _("Under review")
    IN_DEPTH = "in_depth", _("In depth")
    CLEARED = "cleared", _("Cleared")
    CLEARED_WITH_REMEDIES = "cleared_with_remedies", _("Cleared with remedies")
    PROHIBITED = "prohibited", _("Prohibited")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFERRED = "referred", _("Referred")
    ABANDONED = "abandoned", _("Abandoned with the deal")


_OPEN_REVIEW_STATUSES = [ReviewStatus.UNDER_REVIEW, ReviewStatus.IN_DEPTH]


# A review's phase, in the regime of its authority, to the phase code of
# articles.timetables. Phase 1 is the first clock (EU, CMA and SAMR phase 1,
# the HSR initial waiting period, CFIUS's review of a notice); the in-depth
# phase is the second (EU and CMA phase 2, SAMR's further review, the HSR
# waiting period after a second request, CFIUS's investigation).
# Pre-notification and court have no statutory clock.
STATUTORY_PHASES: dict[tuple[str, str], str] = {
    ("eu", ReviewPhase.PHASE_1): "phase1",
    ("eu", ReviewPhase.PHASE_2): "phase2",
    ("uk", ReviewPhase.PHASE_1): "phase1",
    ("uk", ReviewPhase.PHASE_2): "phase2",
    ("cn_samr", ReviewPhase.PHASE_1): "phase1",
    ("cn_samr", ReviewPhase.PHASE_2): "phase2",
    ("us_hsr", ReviewPhase.PHASE_1): "initial",
    ("us_hsr", ReviewPhase.PHASE_2): "second_request",
    ("us_cfius", ReviewPhase.PHASE_1): "review",
    ("us_cfius", ReviewPhase.PHASE_2): "investigation",
}


class Review(models.Model):
    """One authority's review of one deal, from its opening to its decision."""

    Kind = ReviewKind
    Phase = ReviewPhase
    Status = ReviewStatus

    OPEN_STATUSES = tuple(_OPEN_REVIEW_STATUSES)
    DECIDED_STATUSES = tuple(s for s in ReviewStatus if s not in _OPEN_REVIEW_STATUSES)

    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), on_delete=models.CASCADE, related_name="reviews"
    )
    authority = models.ForeignKey(
        Authority, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="reviews"
    )
    case_reference = models.CharField(
        _("case reference"),
        max_length=60,
        blank=True,
        help_text=_("The authority's own reference (M.10646), only when it is known for sure."),
        validators=[plain_text],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.MERGER_CONTROL)
    phase = models.CharField(
        _("phase"),
        max_length=20,
        choices=Phase,
        blank=True,
        help_text=_("Empty when it was not reported."),
    )
    opened_on = models.DateField(
        _("opened on"),
        null=True,
        blank=True,
        help_text=_("When the review (or its first phase) began; empty when not reported."),
        validators=plausible_date,
    )
    phase_started_on = models.DateField(
        _("phase started on"),
        null=True,
        blank=True,
        help_text=_(
            "When its current phase began, if later than the review: the opening of the "
            "in-depth phase. The statutory timetable counts from it."
        ),
        validators=plausible_date,
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status, default=Status.UNDER_REVIEW
    )
    decided_on = models.DateField(
        _("decided on"),
        null=True,
        blank=True,
        help_text=_("When it was decided, withdrawn or ended with the deal."),
        validators=plausible_date,
    )
    remedies = models.TextField(
        _("remedies"),
        blank=True,
        help_text=_("What the parties undertook to do for the clearance, in short."),
        validators=[plain_text],
    )
    note = models.TextField(_("note"), blank=True, validators=[plain_text])
    sources = models.ManyToManyField(
        "Article", verbose_name=_("sources"), related_name="reviews", blank=True
    )

    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["opened_on", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            _choices_rule("status", ReviewStatus, "review"),
            _choices_rule("kind", ReviewKind, "review"),
            models.CheckConstraint(
                condition=Q(phase="") | Q(phase__in=ReviewPhase.values), name="review_phase_valid"
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(decided_on__gte=F("opened_on")),
                name="review_decided_not_before_opened",
            ),
            models.CheckConstraint(
                condition=Q(phase_started_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(phase_started_on__gte=F("opened_on")),
                name="review_phase_not_before_opened",
            ),
            models.CheckConstraint(
                condition=Q(phase_started_on__isnull=True)
                | Q(decided_on__isnull=True)
                | Q(decided_on__gte=F("phase_started_on")),
                name="review_decided_not_before_phase",
            ),
            # Decided exactly when its status is a decision's.
            models.CheckConstraint(
                condition=(
                    Q(status__in=_OPEN_REVIEW_STATUSES, decided_on__isnull=True)
                    | (~Q(status__in=_OPEN_REVIEW_STATUSES) & Q(decided_on__isnull=False))
                ),
                name="review_decision_date_with_decided_status",
            ),
            models.UniqueConstraint(
                fields=["authority", "case_reference"],
                condition=~Q(case_reference=""),
                name="review_case_reference_unique_per_authority",
            ),
            *_plain_text_rules("review", ["case_reference", "remedies", "note"]),
            *_plausible_date_rules("review", ["opened_on", "phase_started_on", "decided_on"]),
        ]
        indexes = [
            # /deals/?authority= and an authority's page, by status.
            models.Index(fields=["authority", "status", "deal"], name="review_authority_idx"),
            # /deals/?review=.
            models.Index(fields=["status", "deal"], name="review_status_idx"),
            # A deal's reviews (its page, its row, the exports).
            models.Index(fields=["deal", "opened_on"], name="review_deal_idx"),
            # An authority's page: its open reviews, the oldest first, and
            # its decided ones, the latest first, each read to its page.
            models.Index(
                fields=["authority", "opened_on", "id"],
                condition=Q(status__in=_OPEN_REVIEW_STATUSES),
                name="review_authority_open_idx",
            ),
            models.Index(
                fields=["authority", "-decided_on", "-id"],
                condition=~Q(status__in=_OPEN_REVIEW_STATUSES),
                name="review_authority_decided_idx",
            ),
            # (On PostgreSQL, migration 0030 indexes the open reviews by their
            # latest phase for the deadlines page: SQLite cannot say NULLS
            # LAST in an index.)
            # The API's ?updated_since=.
            models.Index(fields=["updated_at"], name="review_updated_idx"),
        ]

    def __str__(self):
        return _("%(authority)s review of %(deal)s") % {
            "authority": self.authority.label,
            "deal": self.deal,
        }

    def get_absolute_url(self):
        return self.deal.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def next_decision(self) -> "Deadline | None":
        """The curated deadline that says when a decision is next due: the
        review's soonest pending deadline to come. Prefetch it with
        ``with_next_deadline()``; None otherwise. (The statutory date that
        articles.timetables computes gives way to it.)"""
        upcoming = getattr(self, "next_deadlines", None)
        return upcoming[0] if upcoming else None

    @cached_property
    def statutory_decision(self) -> Computed | None:
        """The decision date the authority's regime sets for the review's
        phase (articles.timetables), counted from the start of that phase
        (``phase_started_on``, else ``opened_on``) and moved by the recorded
        clock stops (prefetch them with ``with_suspensions()``). None when
        the review is decided, has no start date, or its authority or phase
        has no known clock; never raises on curated data."""
        started = self.phase_started_on or self.opened_on
        if not self.is_open or started is None:
            return None
        regime = regime_for(self.authority.short_name or self.authority.name)
        if regime is None:
            regime = regime_for(self.authority.name)
        phase = STATUTORY_PHASES.get((regime or "", self.phase))
        if regime is None or phase is None:
            return None
        try:
            return statutory_decision(
                regime,
                phase,
                started,
                suspensions=[stop.as_pair() for stop in self.suspensions.all()],
            )
        except (UnknownRule, ValueError):
            return None

    @property
    def expected_decision(self) -> Computed | None:
        """The computed decision date to show: only when no curated pending
        deadline says when the decision is due (``next_decision`` wins)."""
        if self.next_decision is not None:
            return None
        return self.statutory_decision

    def clean(self):
        errors = {}
        if self.decided_on and self.opened_on and self.decided_on < self.opened_on:
            errors["decided_on"] = _("A review cannot be decided before it was opened.")
        elif self.is_open and self.decided_on:
            errors["decided_on"] = _(
                "A review still open has no decision date: choose the status it was decided with."
            )
        elif not self.is_open and not self.decided_on:
            errors["decided_on"] = _("Give the date of the decision.")
        if self.phase_started_on and self.opened_on and self.phase_started_on < self.opened_on:
            errors["phase_started_on"] = _("A phase cannot start before the review was opened.")
        elif self.phase_started_on and self.decided_on and self.decided_on < self.phase_started_on:
            errors["phase_started_on"] = _("A phase cannot start after the decision.")
        if errors:
            raise ValidationError(errors)


class ReviewSuspension(models.Model):
    """A time the review's clock stopped, while the authority awaited
    information: the statutory timetable moves by it."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="suspensions"
    )
    stopped_on = models.DateField(_("clock stopped on"), validators=plausible_date)
    restarted_on = models.DateField(
        _("clock restarted on"),
        null=True,
        blank=True,
        help_text=_("Empty while the clock is still stopped."),
        validators=plausible_date,
    )
    note = models.TextField(_("note"), blank=True, validators=[plain_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["stopped_on", "pk"]
        verbose_name = _("clock stop")
        verbose_name_plural = _("clock stops")
        constraints = [
            models.CheckConstraint(
                condition=Q(restarted_on__isnull=True) | Q(restarted_on__gte=F("stopped_on")),
                name="review_suspension_restarted_not_before_stopped",
            ),
            *_plain_text_rules("review_suspension", ["note"]),
            *_plausible_date_rules("review_suspension", ["stopped_on", "restarted_on"]),
        ]

    def __str__(self):
        return f"{self.stopped_on:%Y-%m-%d} – {self.restarted_on or '…'}"

    def clean(self):
        if self.restarted_on and self.stopped_on and self.restarted_on < self.stopped_on:
            raise ValidationError(
                {"restarted_on": _("The clock cannot restart before it stopped.")}
            )

    def as_pair(self) -> tuple[datetime.date, datetime.date | None]:
        """(start, end) as the timetables take it; end None while stopped."""
        return self.stopped_on, self.restarted_on


class BidStatus(models.TextChoices):
    RUMOURED = "rumoured", _("Rumoured")
    SUBMITTED = "submitted", _("Submitted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAPSED = "lapsed", _("Lapsed")
    ACCEPTED = "accepted", _("Accepted")
    COMPLETED = "completed", _("Completed")


class Bid(models.Model):
    Status = BidStatus

    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), on_delete=models.CASCADE, related_name="bids"
    )
    bidders = models.ManyToManyField(
        Company,
        verbose_name=_("bidders"),
        related_name="bids",
        help_text=_("One company, or several for a joint bid."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SUBMITTED)
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("What the bid is for, when it covers only some of the deal's markets."),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = _currency_field()
    submitted_on = models.DateField(
        _("submitted on"), null=True, blank=True, validators=plausible_date
    )
    resolved_on = models.DateField(
        _("resolved on"),
        null=True,
        blank=True,
        help_text=_("When it was accepted, rejected, withdrawn or lapsed."),
        validators=plausible_date,
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What was offered and how it ended."),
        validators=[plain_text],
    )
    sources = models.ManyToManyField(
        "Article", verbose_name=_("sources"), related_name="bids", blank=True
    )
    # What changed since a time (the API's updated_since=); rows that were
    # there before the column have the time it was added.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())

    objects = BidQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[bidders, sources])

    class Meta:
        ordering = ["submitted_on", "pk"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            _choices_rule("status", BidStatus, "bid"),
            *_currency_rules("amount", "bid"),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True)
                | Q(submitted_on__isnull=True)
                | Q(resolved_on__gte=F("submitted_on")),
                name="bid_resolved_not_before_submitted",
            ),
            *_plain_text_rules("bid", ["note"]),
            *_plausible_date_rules("bid", ["submitted_on", "resolved_on"]),
        ]
        indexes = [
            models.Index(fields=["status"], name="bid_status_idx"),
            # The API's /api/v1/bids/?updated_since=.
            models.Index(fields=["updated_at"], name="bid_updated_idx"),
            # A company's page: the latest bids it made.
            models.Index(fields=["-submitted_on", "-id"], name="bid_latest_idx"),
        ]

    def __str__(self):
        # Reads bidders: prefetch them on lists. An unsaved bid has none yet
        # (asking would raise an error whose message names the bid: this).
        names = " & ".join(company.name for company in self.bidders.all()) if self.pk else ""
        return _("%(bidders)s for %(deal)s") % {
            "bidders": names or _("Unnamed bidder"),
            "deal": self.deal,
        }

    def clean(self):
        errors = {}
        if self.resolved_on and self.submitted_on and self.resolved_on < self.submitted_on:
            errors["resolved_on"] = _("A bid cannot be resolved before it was submitted.")
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("An amount cannot be negative.")
        if self.amount is not None and not self.currency:
            errors["currency"] = _("Give the currency of the amount.")
        if errors:
            raise ValidationError(errors)


class DeadlineKind(models.TextChoices):
    GOVERNMENT_ORDER = "government_order", _("Government order")
    REGULATORY_REVIEW = "regulatory_review", _("Regulatory review")
    SHAREHOLDER_VOTE = "shareholder_vote", _("Shareholder vote")
    OFFER_DEADLINE = "offer_deadline", _("Offer deadline")
    LONG_STOP_DATE = "long_stop_date", _("Long-stop date")
    COURT = "court", _("Court")
    OTHER = "other", _("Other")


class DeadlineStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    EXTENDED = "extended", _("Extended")
    LIFTED = "lifted", _("Lifted")


class Deadline(models.Model):
    Kind = DeadlineKind
    Status = DeadlineStatus

    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), on_delete=models.CASCADE, related_name="deadlines"
    )
    label = models.CharField(
        _("label"),
        max_length=300,
        help_text=_("What must happen by then."),
        validators=[plain_text],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    due_on = models.DateField(_("due on"), validators=plausible_date)
    set_on = models.DateField(
        _("set on"),
        null=True,
        blank=True,
        help_text=_(
            "When it was set or made public; empty when not known (a deal as it "
            "stood on a date then counts it known from its first source)."
        ),
        validators=plausible_date,
    )
    set_by = models.CharField(
        _("set by"),
        max_length=300,
        blank=True,
        help_text=_("Who set it, and how: a president's executive order, a regulator."),
        validators=[plain_text],
    )
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        help_text=_("The authority that set it, if any (“set by” keeps the words)."),
    )
    review = models.ForeignKey(
        Review,
        verbose_name=_("review"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
        help_text=_("The review this is a deadline of: its next decision date, for one."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    extended_to = models.OneToOneField(
        "self",
        verbose_name=_("extended to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="extended_from",
        help_text=_("The deadline that replaced this one when it slipped."),
    )
    note = models.TextField(_("note"), blank=True, validators=[plain_text])
    sources = models.ManyToManyField(
        "Article", verbose_name=_("sources"), related_name="deadlines", blank=True
    )
    # As a bid's: the API's updated_since=.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())

    objects = DeadlineQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[sources])

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            _choices_rule("status", DeadlineStatus, "deadline"),
            _choices_rule("kind", DeadlineKind, "deadline"),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(status=DeadlineStatus.EXTENDED),
                name="deadline_extended_to_only_when_extended",
            ),
            models.CheckConstraint(
                condition=~Q(extended_to=F("pk")), name="deadline_not_extended_to_itself"
            ),
            *_plain_text_rules("deadline", ["label", "set_by", "note"]),
            *_plausible_date_rules("deadline", ["due_on", "set_on"]),
        ]
        indexes = [
            # /deadlines/: upcoming, overdue and past, split on status and date.
            models.Index(fields=["status", "due_on"], name="deadline_status_due_idx"),
            models.Index(fields=["due_on"], name="deadline_due_idx"),
            # /deadlines/?kind=.
            models.Index(fields=["kind", "due_on"], name="deadline_kind_due_idx"),
            # The API's /api/v1/deadlines/?updated_since=.
            models.Index(fields=["updated_at"], name="deadline_updated_idx"),
            # A review's next decision date, and an authority's calendar.
            models.Index(fields=["review", "due_on"], name="deadline_review_due_idx"),
            models.Index(fields=["authority", "due_on"], name="deadline_authority_due_idx"),
        ]

    def __str__(self):
        return f"{self.label} ({self.due_on:%Y-%m-%d})"

    def clean(self):
        errors = {}
        if self.extended_to_id and self.status != self.Status.EXTENDED:
            errors["status"] = _("A deadline that was extended must have the status “Extended”.")
        if self.extended_to_id:
            if self.pk is not None and self.extended_to_id == self.pk:
                errors["extended_to"] = _("A deadline cannot be extended to itself.")
            elif self.extended_to.deal_id != self.deal_id:
                errors["extended_to"] = _("The new deadline must belong to the same deal.")
        if self.review_id and self.review.deal_id != self.deal_id:
            errors["review"] = _("The review must be one of the same deal.")
        if errors:
            raise ValidationError(errors)


class Article(models.Model):
    title = models.CharField(_("title"), max_length=300, validators=[plain_text])
    slug = models.SlugField(_("slug"), max_length=300, unique=True, validators=[plain_text])
    url = models.URLField(
        _("link"),
        max_length=1000,
        null=True,
        blank=True,
        unique=True,
        help_text=_("The original article. Leave empty only when the link is unknown."),
        validators=[plain_text],
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="articles"
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=language_choices,
        help_text=_("The language the article is written in (ISO 639-1)."),
    )
    published_on = models.DateField(_("published on"), validators=plausible_date)
    author = models.CharField(_("author"), max_length=200, blank=True, validators=[plain_text])
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What the article reports, in our own words."),
        validators=[plain_text],
    )
    deals = models.ManyToManyField(
        Deal, verbose_name=_("deals"), related_name="articles", blank=True
    )
    companies = models.ManyToManyField(
        Company,
        verbose_name=_("companies mentioned"),
        related_name="articles",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Kept current by a PostgreSQL trigger (migration 0003), in the article's
    # language; empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"], m2m_fields=[deals, companies])

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=language_codes()),
                name="article_language_valid",
            ),
            models.CheckConstraint(condition=~Q(url=""), name="article_url_null_not_empty"),
            *_plain_text_rules("article", ["title", "slug", "url", "author", "summary"]),
            *_plausible_date_rules("article", ["published_on"]),
        ]
        indexes = [
            # /articles/ newest first, and its date filters.
            models.Index(fields=["-published_on", "-id"], name="article_published_idx"),
            # /articles/?language=.
            models.Index(fields=["language", "published_on"], name="article_language_idx"),
            # The API's /api/v1/articles/?updated_since=.
            models.Index(fields=["updated_at"], name="article_updated_idx"),
            # /search/ finds articles through one full-text index per language
            # on PostgreSQL (migration 0006), not one over every article.
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})


def _protect_companies_linked_by(m2m, holders: models.QuerySet) -> None:
    """Make the company's side of a many-to-many link PROTECT, where Django
    makes it CASCADE and offers no option: a company cannot be deleted while
    a link holds it, and the error names the records holding it (``holders``,
    ready to list), which the admin's delete page then lists, as it lists
    the deals of a target."""
    link = m2m.through._meta.get_field(holders.model._meta.model_name)

    def protect(collector, field, sub_objs, using):
        held = holders.using(using).filter(pk__in=sub_objs.values(link.attname))
        raise models.ProtectedError(
            f"Cannot delete a company that {holders.model._meta.verbose_name_plural} "
            "name: take it out of them first.",
            set(held),
        )

    m2m.through._meta.get_field("company").remote_field.on_delete = protect


# A company that bid or that an article mentions cannot be deleted (issue 13,
# finding 6): deleting it dropped it from its bids ("Microsoft & Walmart"
# became "Microsoft") and from the articles, recording no history and moving
# no deal's version. (The database's own foreign keys refuse it too.)
_protect_companies_linked_by(
    Bid.bidders, Bid.objects.select_related("deal").prefetch_related("bidders")
)
_protect_companies_linked_by(Article.companies, Article.objects.all())


class StatusPeriod(models.Model):
    """One status a record held, from the day it took it until the day it
    took the next (issue 16): the dated history that says what a deal or a
    bid was on any date. The current status is the open period's
    (``is_current``); ``articles.status_history`` writes them, and a PostgreSQL
    GiST index on ``daterange(started_on, ended_on)`` (migration 0022)
    answers "which records had this status on that date".

    A date not known is left empty and said so: a period whose start is not
    known, or that ended on a day not known, is on no date's list."""

    started_on = models.DateField(
        _("from"),
        null=True,
        blank=True,
        help_text=_("When it took this status in the world; empty when the date is not known."),
        validators=plausible_date,
    )
    ended_on = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("When it took the next status; empty while current or when not known."),
        validators=plausible_date,
    )
    is_current = models.BooleanField(_("current"), default=True)
    source = models.ForeignKey(
        "Article",
        verbose_name=_("source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The article that reported the change, if any."),
    )

    class Meta:
        abstract = True
        ordering = [F("started_on").asc(nulls_first=True), "pk"]

    @property
    def record(self) -> models.Model:
        raise NotImplementedError

    @classmethod
    def period_rules(cls, prefix: str, record: str, choices: type[models.TextChoices]):
        """The constraints every status period obeys, named for its table.
        Periods of one record never overlap: PostgreSQL refuses it with an
        exclusion constraint (migration 0022), articles.status_history checks
        it in Python everywhere."""
        return [
            _choices_rule("status", choices, prefix),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name=f"{prefix}_ended_not_before_started",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(ended_on__isnull=True),
                name=f"{prefix}_current_is_open",
            ),
            models.UniqueConstraint(
                fields=[record],
                condition=Q(is_current=True),
                name=f"{prefix}_one_current",
            ),
            *_plausible_date_rules(prefix, ["started_on", "ended_on"]),
        ]

    def covers(self, on: datetime.date) -> bool:
        """Whether the record held this status on ``on``, as far as is known."""
        if self.started_on is None or self.started_on > on:
            return False
        return self.is_current or (self.ended_on is not None and self.ended_on > on)


class DealStatusPeriod(StatusPeriod):
    deal = models.ForeignKey(
        Deal, verbose_name=_("deal"), on_delete=models.CASCADE, related_name="status_periods"
    )
    status = models.CharField(_("status"), max_length=20, choices=DealStatus)

    objects = StatusPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(StatusPeriod.Meta):
        verbose_name = _("deal status period")
        verbose_name_plural = _("deal status periods")
        constraints = StatusPeriod.period_rules("deal_period", "deal", DealStatus)
        indexes = [
            # A deal page's history and as_of=; the open period of each deal.
            models.Index(fields=["deal", "started_on"], name="deal_period_deal_idx"),
            # /deals/?as_of= on SQLite (PostgreSQL uses its GiST index).
            models.Index(fields=["status", "started_on"], name="deal_period_status_idx"),
        ]

    def __str__(self):
        return f"{self.deal}: {self.get_status_display()}"

    @property
    def record(self) -> Deal:
        return self.deal


class BidStatusPeriod(StatusPeriod):
    bid = models.ForeignKey(
        Bid, verbose_name=_("bid"), on_delete=models.CASCADE, related_name="status_periods"
    )
    status = models.CharField(_("status"), max_length=20, choices=BidStatus)

    objects = StatusPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(StatusPeriod.Meta):
        verbose_name = _("bid status period")
        verbose_name_plural = _("bid status periods")
        constraints = StatusPeriod.period_rules("bid_period", "bid", BidStatus)
        indexes = [
            # A deal page's bids as of a date.
            models.Index(fields=["bid", "started_on"], name="bid_period_bid_idx"),
        ]

    def __str__(self):
        return f"{self.bid_id}: {self.get_status_display()}"

    @property
    def record(self) -> Bid:
        return self.bid


class ReviewStatusPeriod(StatusPeriod):
    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="status_periods"
    )
    status = models.CharField(_("status"), max_length=24, choices=ReviewStatus)

    objects = StatusPeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(StatusPeriod.Meta):
        verbose_name = _("review status period")
        verbose_name_plural = _("review status periods")
        constraints = StatusPeriod.period_rules("review_period", "review", ReviewStatus)
        indexes = [
            # A deal page's reviews as of a date.
            models.Index(fields=["review", "started_on"], name="review_period_review_idx"),
        ]

    def __str__(self):
        return f"{self.review_id}: {self.get_status_display()}"

    @property
    def record(self) -> Review:
        return self.review


class DealTally(models.Model):
    """How many deals have each status and type, announced in each year, in
    all (country "") and in each country they cover: the deal list's counts,
    facets and chart of years, when only status, type and country are chosen,
    without reading a million deals.

    Derived data, kept current by PostgreSQL (articles.tallies); backups leave
    it out. Elsewhere it stays empty and is not read."""

    status = models.CharField(max_length=20, choices=DealStatus)
    deal_type = models.CharField(max_length=20, choices=DealType)
    # Text, not two letters: a deal saved without validation (a bulk load)
    # may hold any code, and its save must not fail for the tally's sake.
    country = models.TextField(blank=True)
    # The year announced, 0 when not announced: the charts of deals per year.
    year = models.IntegerField(default=0)
    # No check that it stays positive: PostgreSQL checks a row an upsert
    # proposes (a change of -1) before it finds the row to add it to.
    deals = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["status", "deal_type", "country", "year"], name="deal_tally_unique"
            ),
        ]

    def __str__(self):
        return f"{self.status} {self.deal_type} {self.country or '*'} {self.year}: {self.deals}"


class DealStatusDayTally(models.Model):
    """The changes of the deals' statuses, by the day, month and year they
    happened, and by type, country and year announced as DealTally: a day's
    facets on /deals/?as_of= add up about 60,000 of them at 1M deals instead
    of reading the half a million status periods open that day.

    Each row holds what the status periods that began or ended in its span
    added to, or took from, the deals in its status; a row of span "y" is
    keyed by the first day of its year, "m" of its month. Derived data, kept
    current by PostgreSQL (articles.tallies.STATUS_DAYS); backups leave it
    out. Elsewhere it stays empty and is not read."""

    span = models.CharField(max_length=1)  # "y" year, "m" month, "d" day
    starts_on = models.DateField()
    status = models.CharField(max_length=20, choices=DealStatus)
    deal_type = models.CharField(max_length=20, choices=DealType)
    country = models.TextField(blank=True)  # as DealTally's
    year = models.IntegerField(default=0)
    deals = models.IntegerField()  # a change: negative when more ended than began

    objects = StatusDayTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            # Its index is also the one read: the spans before a day, by date.
            models.UniqueConstraint(
                fields=["span", "starts_on", "status", "deal_type", "country", "year"],
                name="deal_status_day_tally_unique",
            ),
        ]

    def __str__(self):
        return f"{self.span} {self.starts_on} {self.status} {self.country or '*'}: {self.deals:+d}"


class EarlyStatusPeriod(models.Model):
    """The deal status periods that began before their deal was announced, or
    whose deal is not announced: a rumour, talks. /deals/?as_of= lists the
    deals announced by that day from the deals' own order, and finds these
    apart, without walking every deal announced since.

    A row per period: on a day's list from ``started_on`` until the day
    before ``until`` (9999-12-31 while current), counting 1 while it began
    before the announcement and 0 once it no longer does (the announcement
    moved earlier, or the period changed). Derived data, kept current by
    PostgreSQL (articles.tallies.EARLY_PERIODS); backups leave it out.
    Elsewhere it stays empty and is not read."""

    period_id = models.BigIntegerField()
    deal_id = models.BigIntegerField()
    status = models.CharField(max_length=20, choices=DealStatus)
    started_on = models.DateField()
    until = models.DateField()
    periods = models.IntegerField()

    objects = EarlyStatusPeriodQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_id", "deal_id", "status", "started_on", "until"],
                name="early_status_period_unique",
            ),
        ]
        indexes = [models.Index(fields=["started_on"], name="early_period_started_idx")]

    def __str__(self):
        return f"deal {self.deal_id}: {self.status} from {self.started_on}"


class DealReviewSpan(models.Model):
    """The days on which a deal was, as far as is known, under review by an
    authority, with a review in a status, or before a jurisdiction's
    authority (``facet`` "authority", "review" or "jurisdiction"; ``value``
    the authority's id, the review status or the jurisdiction), merged
    across its reviews so that a deal counts once, and cut at its own status
    changes, with its status, type, countries and year announced then: a
    day's /deals/?as_of= with a review filter reads the rows of the chosen
    value open that day, instead of probing each reviewed deal's status.

    From ``started_on`` until the day before ``until`` (9999-12-31 while
    open). Derived data, kept current by PostgreSQL
    (articles.tallies.REVIEW_SPANS), with a GiST index on the facet, the
    value and the days (migration 0028); backups leave it out. Elsewhere it
    stays empty and is not read."""

    deal_id = models.BigIntegerField()
    facet = models.TextField()
    value = models.TextField()
    status = models.CharField(max_length=20, choices=DealStatus)
    deal_type = models.CharField(max_length=20, choices=DealType)
    countries = models.TextField(blank=True)  # as Deal.countries
    year = models.IntegerField(default=0)  # as DealTally's
    started_on = models.DateField()
    until = models.DateField()

    objects = ReviewSpanQuerySet.as_manager()

    class Meta:
        # Each deal's rows are written again whole, found by the deal.
        indexes = [models.Index(fields=["deal_id"], name="deal_review_span_deal_idx")]

    def __str__(self):
        return f"deal {self.deal_id}: {self.facet} {self.value} from {self.started_on}"


class CompanyDealRole(models.Model):
    """Each company's deals by its role in them: a row per company, role
    (target, seller, bidder) and deal, with the deal's status, type,
    countries, year announced and number of reviews. /deals/?company= and
    ?buyer= list and count one company's deals from its rows, as cheaply for
    a company in 12,000 deals as for one in 3 (issue 15).

    Derived data, kept current by PostgreSQL (articles.tallies.COMPANY_DEALS);
    backups leave it out. Elsewhere it stays empty and is not read."""

    company_id = models.BigIntegerField()
    role = models.CharField(max_length=6)  # target, seller or bidder
    deal_id = models.BigIntegerField()
    status = models.CharField(max_length=20, choices=DealStatus)
    deal_type = models.CharField(max_length=20, choices=DealType)
    countries = models.TextField(blank=True)  # as Deal.countries
    year = models.IntegerField(default=0)  # as DealTally's
    reviews = models.IntegerField()

    objects = CompanyDealRoleQuerySet.as_manager()

    class Meta:
        indexes = [
            # A company's deals in some roles, and the deals to write again.
            models.Index(fields=["company_id", "role", "deal_id"], name="company_deal_role_idx"),
            models.Index(fields=["deal_id"], name="company_deal_role_deal_idx"),
        ]

    def __str__(self):
        return f"company {self.company_id}: {self.role} in deal {self.deal_id}"


class DealCountryTally(models.Model):
    """DealTally without the year: how many deals have each status and type,
    in all (country "") and in each country they cover. The country facet
    adds up a few thousand rows of it instead of DealTally's tens of
    thousands (counting.TALLY_SUMS).

    Derived data, kept current by PostgreSQL (articles.tallies); backups leave
    it out. Elsewhere it stays empty and is not read."""

    status = models.CharField(max_length=20, choices=DealStatus)
    deal_type = models.CharField(max_length=20, choices=DealType)
    country = models.TextField(blank=True)  # as DealTally's
    deals = models.IntegerField()  # as DealTally's, unchecked

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["status", "deal_type", "country"], name="deal_country_tally_unique"
            ),
        ]

    def __str__(self):
        return f"{self.status} {self.deal_type} {self.country or '*'}: {self.deals}"


class ArticleTally(models.Model):
    """How many articles each language has: the article list's count and its
    languages, without reading two million articles (see DealTally)."""

    language = models.CharField(max_length=2, unique=True)
    articles = models.IntegerField()

    def __str__(self):
        return f"{self.language}: {self.articles}"


class DeadlineTally(models.Model):
    """How many deadlines each status has: the count of the past deadlines
    (every status but pending), without reading a million (see DealTally)."""

    status = models.CharField(max_length=20, choices=DeadlineStatus, unique=True)
    deadlines = models.IntegerField()

    def __str__(self):
        return f"{self.status}: {self.deadlines}"


class DealValueTally(models.Model):
    """The deals' reported values added up per currency: the home page's
    totals, without adding up a million deals (see DealTally)."""

    # Text, as DealTally's country: a deal saved without validation must
    # not fail for the tally's sake.
    currency = models.TextField(unique=True, blank=True)
    # As the values: 18 digits, 2 decimals; their sum needs a few more.
    total = models.DecimalField(max_digits=30, decimal_places=2)

    def __str__(self):
        return f"{self.currency or '-'}: {self.total}"


class DeadlineMonthTally(models.Model):
    """How many deadlines fall due in each month (its first day): the
    deadlines page's chart, without grouping a million deadlines (see
    DealTally)."""

    month = models.DateField(unique=True)
    deadlines = models.IntegerField()

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.deadlines}"


class RecordVersion(models.Model):
    """A deal's or a company's own version: the pages of that record are kept
    until a write touches it (articles.record_versions). Derived data, kept
    by PostgreSQL's triggers; backups leave it out. Elsewhere it stays empty
    and is not read."""

    kind = models.CharField(max_length=7)  # deal, company, or wide (every record)
    record_id = models.BigIntegerField()
    version = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="record_version_unique"),
        ]

    def __str__(self):
        return f"{self.kind} {self.record_id}: version {self.version}"


class ArchiveState(models.Model):
    """The archive's version: one row that the database itself moves on every
    statement that writes a curated table, whatever wrote it (the admin, an
    ``update()``, a bulk load, raw SQL, COPY). Every cached page, count and
    facet is keyed on it (articles.freshness); the triggers are created by
    migration 0011 and defined in ``articles.freshness.TRIGGERS``."""

    version = models.BigIntegerField()
    # When the version last moved, by the database's clock: public reads stay
    # on the primary for a while after a change (dealwatch.routers).
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="archive_state_single_row"),
        ]

    def __str__(self):
        return f"version {self.version} at {self.changed_at:%Y-%m-%d %H:%M:%S}"

"""Curation: everything about a deal is recorded from the deal's own page."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Prefetch
from django.forms.boundfield import BoundField
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic

from .country_input import CountriesInput, TypedCountriesField
from .date_input import UnambiguousDateField, UnambiguousDatesMixin
from .edit_conflicts import last_change, version
from .history import DeletedParts, deleted_with, links_as_of
from .models import (
    Article,
    Authority,
    Bid,
    Company,
    Deadline,
    Deal,
    DealStatusPeriod,
    Review,
    ReviewSuspension,
    Source,
    SourceDomain,
    plausible_date,
)
from .services import restore_deleted_parts
from .status_history import StatusChange
from .text import clean_text
from .transfer import BidResource, CompanyResource, DealWithBidsResource, TransferMixin
from .worklist import LikelyDuplicateFilter, NoArticleFilter, NoDealFilter


class LanguageInUseFilter(admin.SimpleListFilter):
    """Only the languages the archive holds, not all 184 of ISO 639-1."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return Article.objects.language_choices()

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(language=self.value())
        return queryset


class CountriesWidgetMixin:
    """Several countries are typed in one box, by code or by name in the
    page's language ("US, CA, Australie"; articles.country_input), not picked
    from a 249-country two-box widget on every bid."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, CountryField) and db_field.multiple:
            return TypedCountriesField(
                label=capfirst(db_field.verbose_name),
                required=not db_field.blank,
                help_text=_("%(help)s Codes or names, separated by commas: US, CA, Australia.")
                % {"help": db_field.help_text},
                widget=CountriesInput(attrs={"class": "vTextField"}),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DealCountryFilter(admin.SimpleListFilter):
    """The countries deals cover (a deal covers several, stored together)."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = Deal.objects.country_counts()
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.in_country(self.value()) if self.value() else queryset


class PlainTextBoundField(BoundField):
    """What the curator typed or pasted, less the characters XML cannot carry
    (articles.text): a vertical tab or form feed from a word processor is the
    line break it stood for, or a space in a one-line field."""

    @property
    def data(self):
        data = super().data
        if isinstance(data, str) and isinstance(self.field, forms.CharField):
            return clean_text(data, multiline=isinstance(self.field.widget, forms.Textarea))
        return data


class CuratedForm(forms.ModelForm):
    """Every admin form of a curated record, inlines included."""

    bound_field_class = PlainTextBoundField


class VersionedForm(CuratedForm):
    """Refuses a save that would overwrite changes made since the page was
    opened (see edit_conflicts): the page carries the version of its record
    as it was then, and the save compares it with the row, locked until the
    admin's transaction ends. The form of every curated record's own page
    (inlines are saved with their deal, whose version covers them)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def versioned(self) -> tuple[type[models.Model], int]:
        """The record whose version the page carries, as saved."""
        return type(self.instance), self.instance.pk

    def conflict_message(self, user: str | None, when) -> str:
        return gettext(
            "%(user)s changed this %(record)s at %(time)s, after you opened it. Your "
            "changes were not saved, so as not to overwrite theirs: open it again to see "
            "them, then make your changes once more."
        ) % {
            "user": user or gettext("Someone else"),
            "record": self.instance._meta.verbose_name,
            "time": _local_time(when or timezone.now()),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            # Read from the row, not the instance: a past version being
            # restored from the history carries its own old updated_at.
            self.fields["version"].initial = version(*self.versioned())

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        model, pk = self.versioned()
        with transaction.atomic():
            current = version(model, pk, lock=True)
        if cleaned_data.get("version") != current:
            raise ValidationError(
                self.conflict_message(*last_change(model, pk)), code="edit_conflict"
            )
        return cleaned_data


def _local_time(when) -> str:
    return formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")


class StatusChangeForm(forms.ModelForm):
    """A deal's, bid's or review's form that asks, whenever the status changes, when
    the change happened in the world (or says the date is not known), and
    optionally the article that reported it: saving closes the status
    period open until then and opens the next (articles.status_history)."""

    status_changed_on = UnambiguousDateField(
        label=_("Status changed on"),
        required=False,
        validators=plausible_date,
        help_text=_("When the new status began in the world. Asked whenever the status changes."),
    )
    status_date_unknown = forms.BooleanField(
        label=_("Date not known"),
        required=False,
        help_text=_("Tick when the status changed but nobody reported when."),
    )
    status_source = forms.ModelChoiceField(
        label=_("Reported by"),
        queryset=Article.objects.all(),
        required=False,
        widget=ForeignKeyRawIdWidget(
            DealStatusPeriod._meta.get_field("source").remote_field, admin.site
        ),
        help_text=_("The article that reported the change (optional)."),
    )
    STATUS_FIELDS = ("status_changed_on", "status_date_unknown", "status_source")

    def status_moved(self) -> bool:
        return self.instance.pk is not None and "status" in self.changed_data

    def clean(self):
        cleaned_data = super().clean()
        on = cleaned_data.get("status_changed_on")
        unknown = cleaned_data.get("status_date_unknown")
        if on and unknown:
            self.add_error(
                "status_date_unknown",
                gettext("Give the date of the change, or say it is not known: not both."),
            )
        elif self.status_moved() and not on and not unknown:
            self.add_error(
                "status_changed_on",
                gettext("The status changed: give the date it happened, or tick “Date not known”."),
            )
        elif self.status_moved() and on:
            current = self.instance.status_periods.filter(is_current=True).first()
            if current and current.started_on and on < current.started_on:
                self.add_error(
                    "status_changed_on",
                    gettext(
                        "The status “%(status)s” began on %(date)s: a change cannot come before it."
                    )
                    % {"status": current.get_status_display(), "date": current.started_on},
                )
        return cleaned_data

    def save(self, commit=True):
        on = self.cleaned_data.get("status_changed_on")
        if self.status_moved() or (self.instance.pk is None and on):
            self.instance.status_change = StatusChange(
                on=on, source=self.cleaned_data.get("status_source")
            )
        return super().save(commit)


class DealAdminForm(StatusChangeForm, VersionedForm):
    def conflict_message(self, user, when) -> str:
        if when is None:
            return gettext(
                "This deal was changed after you opened it. Your changes were not saved, "
                "so as not to overwrite that change: open the deal again, then make your "
                "changes once more."
            )
        return gettext(
            "%(user)s changed this deal at %(time)s, after you opened it. Your changes "
            "were not saved, so as not to overwrite theirs: open the deal again to see "
            "them, then make your changes once more."
        ) % {"user": user or gettext("Someone else"), "time": _local_time(when)}


class BidInlineForm(StatusChangeForm, CuratedForm):
    pass


class DealPartAdminForm(VersionedForm):
    """A bid, deadline or review on its own page. The deal's page edits it too (as an
    inline), so the page carries its deal's version: a save is refused, as on
    the deal's page, once the deal or any of its bids or deadlines has changed
    since the page was opened."""

    def versioned(self):
        return Deal, self.instance.deal_id  # as saved, before this form changes it

    def conflict_message(self, user, when) -> str:
        return gettext(
            "%(user)s changed this deal, or one of its bids, deadlines or reviews, at %(time)s, "
            "after you opened this page. Your changes were not saved, so as not to "
            "overwrite theirs: open this page again to see them, then make your "
            "changes once more."
        ) % {
            "user": user or gettext("Someone else"),
            "time": _local_time(when or timezone.now()),
        }


class BidAdminForm(StatusChangeForm, DealPartAdminForm):
    pass


class ReviewInlineForm(StatusChangeForm, CuratedForm):
    pass


class ReviewAdminForm(StatusChangeForm, DealPartAdminForm):
    pass


class CuratedAdmin(SimpleHistoryAdmin):
    """What the admin of every curated record shares: a past version,
    restored from its history, comes back whole, its many-to-many links
    (bidders, sources, an article's deals and companies) included, where
    django-simple-history's form would show the links the record has now."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version saves the record: in one transaction, as the
        # change page does, so that the edit-conflict check's row lock holds
        # until the save.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        record = to_historic(obj) if obj is not None else None
        if record is None or not record._history_m2m_fields:
            return form
        links = links_as_of(record)

        class PastVersionForm(form):  # type: ignore[valid-type]  # made at run time
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        return PastVersionForm


def public_link(obj):
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        obj.get_absolute_url(),
        _("View on site"),
    )


public_link.short_description = _("Public page")


class SourceDomainInline(admin.TabularInline):
    model = SourceDomain
    extra = 0


@admin.register(Source)
class SourceAdmin(CuratedAdmin):
    form = VersionedForm
    # The story desk finds a link's source by these.
    inlines = [SourceDomainInline]
    list_display = ["name", "homepage", "article_count"]
    search_fields = ["name", "homepage"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("Articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Company)
class CompanyAdmin(TransferMixin, CuratedAdmin):
    form = VersionedForm
    resource_classes = [CompanyResource]
    list_display = ["name", "country", "parent", public_link]
    list_filter = ["country", LikelyDuplicateFilter]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "parent"]}),
        (_("About"), {"fields": ["website", "description", "version"]}),
    ]


# A bid's or deadline's note is a line or two: a full-size box for each of a
# deal's parts made its page several screens long.
SHORT_NOTES: dict[type[models.Field], dict[str, object]] = {
    **UnambiguousDatesMixin.formfield_overrides,
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})},
}


class BidInline(UnambiguousDatesMixin, CountriesWidgetMixin, admin.StackedInline):
    model = Bid
    form = BidInlineForm
    extra = 0
    formfield_overrides = SHORT_NOTES
    autocomplete_fields = ["bidders", "sources"]
    fields = [
        ("bidders", "status"),
        StatusChangeForm.STATUS_FIELDS,
        ("amount", "currency"),
        ("submitted_on", "resolved_on"),
        ("countries", "sources"),
        "note",
    ]


class DeadlineInline(UnambiguousDatesMixin, admin.StackedInline):
    model = Deadline
    form = CuratedForm
    fk_name = "deal"
    extra = 0
    formfield_overrides = SHORT_NOTES
    autocomplete_fields = ["sources", "authority"]
    # Paired on rows: a deal collects several deadlines as they slip.
    fields = [
        ("label", "kind"),
        ("due_on", "status"),
        ("set_on", "set_by"),
        ("authority", "review"),
        ("extended_to", "note"),
        "sources",
    ]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A deadline slips to another deadline of the same deal, nothing else.
        field = formset.form.base_fields["extended_to"]
        field.queryset = (
            Deadline.objects.filter(deal=obj) if obj is not None else Deadline.objects.none()
        )
        field.help_text = _(
            "The deadline that replaced this one. Save the new deadline first, then pick "
            "it here, or extend it in one step from the story desk (the form at the top "
            "of this page)."
        )
        # A deadline is one of its own deal's reviews', nothing else.
        reviews = formset.form.base_fields["review"]
        reviews.queryset = (
            Review.objects.filter(deal=obj).select_related("authority", "deal")
            if obj is not None
            else Review.objects.none()
        )
        reviews.help_text = _("Save the review first, then pick it here.")
        return formset


class ReviewInline(UnambiguousDatesMixin, admin.StackedInline):
    """A deal's reviews, on its page; their clock stops are on each review's
    own page (the link under each)."""

    model = Review
    form = ReviewInlineForm
    extra = 0
    show_change_link = True
    # Folded: a deal reviewed in several jurisdictions keeps a short page.
    classes = ["collapse"]
    autocomplete_fields = ["authority", "sources"]
    fields = [
        ("authority", "case_reference"),
        ("kind", "phase", "phase_started_on"),
        ("status", "opened_on", "decided_on"),
        StatusChangeForm.STATUS_FIELDS,
        "remedies",
        "note",
        "sources",
    ]


class DeletedDealForm(DealAdminForm):
    """A deleted deal's past version, to restore: with what was deleted with it."""

    deleted_parts = DeletedParts()  # set for each deal
    restore_parts = forms.BooleanField(
        label=_("Also restore what was deleted with it"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["restore_parts"].help_text = gettext(
            "As they were when the deal was deleted: %(parts)s."
        ) % {"parts": describe_parts(self.deleted_parts)}


def describe_parts(parts: DeletedParts) -> str:
    """'2 bids, 1 deadline, its mention in 3 articles'."""
    bids, deadlines, articles = len(parts.bids), len(parts.deadlines), len(parts.articles)
    described = []
    if bids:
        described.append(ngettext("%(count)d bid", "%(count)d bids", bids) % {"count": bids})
    if deadlines:
        described.append(
            ngettext("%(count)d deadline", "%(count)d deadlines", deadlines) % {"count": deadlines}
        )
    if articles:
        described.append(
            ngettext(
                "its mention in %(count)d article", "its mentions in %(count)d articles", articles
            )
            % {"count": articles}
        )
    return ", ".join(described)


@admin.register(Deal)
class DealAdmin(TransferMixin, UnambiguousDatesMixin, CountriesWidgetMixin, CuratedAdmin):
    resource_classes = [DealWithBidsResource]
    form = DealAdminForm

    def deleted_parts(self, obj) -> DeletedParts:
        """What was deleted with the deal, when ``obj`` is a past version of a
        deal deleted still (articles.history); read once per page."""
        if obj is None or to_historic(obj) is None:
            return DeletedParts()
        if not hasattr(obj, "_deleted_parts"):
            deleted = not Deal.objects.filter(pk=obj.pk).exists()
            obj._deleted_parts = deleted_with(obj.pk) if deleted else DeletedParts()
        return obj._deleted_parts

    def get_form(self, request, obj=None, change=False, **kwargs):
        if parts := self.deleted_parts(obj):
            kwargs["form"] = type("DeletedDealForm", (DeletedDealForm,), {"deleted_parts": parts})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.deleted_parts(obj):
            return [*fieldsets, (_("Deleted with it"), {"fields": ["restore_parts"]})]
        return fieldsets

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("restore_parts"):
            restore_deleted_parts(deal=obj, parts=form.deleted_parts, user=request.user)
            self.message_user(
                request,
                gettext("Restored with it: %(parts)s.")
                % {"parts": describe_parts(form.deleted_parts)},
            )

    list_display = [
        "title",
        "target",
        "seller",
        "deal_type",
        "status",
        "country_codes",
        "announced_on",
        public_link,
    ]
    list_filter = ["status", "deal_type", DealCountryFilter, "announced_on", NoArticleFilter]
    list_select_related = ["target", "seller"]
    search_fields = ["title", "target__name", "seller__name", "summary"]
    date_hierarchy = "announced_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["target", "seller"]
    inlines = [BidInline, ReviewInline, DeadlineInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", ("target", "seller"), "countries"]}),
        (
            _("State"),
            {
                "fields": [
                    ("deal_type", "status"),
                    StatusChangeForm.STATUS_FIELDS,
                    ("announced_on", "closed_on"),
                ]
            },
        ),
        (_("Value"), {"fields": [("value", "currency")]}),
        (None, {"fields": ["summary", "version"]}),
    ]

    @admin.display(description=_("Countries"), ordering="countries")
    def country_codes(self, obj):
        return ", ".join(country.code for country in obj.countries)


@admin.register(Bid)
class BidAdmin(TransferMixin, UnambiguousDatesMixin, CountriesWidgetMixin, CuratedAdmin):
    resource_classes = [BidResource]
    form = BidAdminForm
    list_display = [
        "deal",
        "bidder_names",
        "status",
        "amount",
        "currency",
        "submitted_on",
        "resolved_on",
    ]
    list_filter = ["status", "submitted_on"]
    list_select_related = ["deal"]
    search_fields = ["deal__title", "bidders__name", "note"]
    date_hierarchy = "submitted_on"
    autocomplete_fields = ["deal", "bidders", "sources"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("bidders", queryset=Company.objects.only("name")))
        )

    @admin.display(description=_("Bidders"))
    def bidder_names(self, obj):
        return " & ".join(company.name for company in obj.bidders.all())


@admin.register(Deadline)
class DeadlineAdmin(UnambiguousDatesMixin, CuratedAdmin):
    form = DealPartAdminForm
    list_display = ["label", "deal", "kind", "due_on", "status", "authority", "extended_to"]
    list_filter = ["status", "kind", "due_on"]
    list_select_related = ["deal", "extended_to", "authority"]
    search_fields = ["label", "deal__title", "set_by", "authority__name", "authority__short_name"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["deal", "sources", "extended_to", "authority", "review"]


@admin.register(Authority)
class AuthorityAdmin(CuratedAdmin):
    form = VersionedForm
    list_display = ["name", "short_name", "jurisdiction", "kind", "parent", public_link]
    list_filter = ["kind", "jurisdiction"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": [("name", "short_name"), "slug", ("jurisdiction", "kind")]}),
        (None, {"fields": ["website", "parent", "version"]}),
    ]


class ReviewSuspensionInline(UnambiguousDatesMixin, admin.TabularInline):
    model = ReviewSuspension
    form = CuratedForm
    extra = 0
    fields = ["stopped_on", "restarted_on", "note"]


@admin.register(Review)
class ReviewAdmin(UnambiguousDatesMixin, CuratedAdmin):
    form = ReviewAdminForm
    inlines = [ReviewSuspensionInline]
    list_display = ["deal", "authority", "case_reference", "phase", "status", "opened_on",
                    "decided_on"]  # fmt: skip
    list_filter = ["status", "kind", "phase", "authority__jurisdiction", "decided_on"]
    list_select_related = ["deal", "authority"]
    search_fields = ["deal__title", "authority__name", "authority__short_name", "case_reference"]
    date_hierarchy = "opened_on"
    autocomplete_fields = ["deal", "authority", "sources"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "deal",
                    ("authority", "case_reference"),
                    ("kind", "phase", "phase_started_on"),
                ]
            },
        ),
        (
            _("State"),
            {"fields": [("status", "opened_on", "decided_on"), StatusChangeForm.STATUS_FIELDS]},
        ),
        (None, {"fields": ["remedies", "note", "sources", "version"]}),
    ]


@admin.register(Article)
class ArticleAdmin(UnambiguousDatesMixin, CuratedAdmin):
    form = VersionedForm
    list_display = ["title", "source", "language", "published_on", "original_link", public_link]
    list_filter = [LanguageInUseFilter, "source", "published_on", NoDealFilter]
    list_select_related = ["source"]
    search_fields = ["title", "url", "summary", "author"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["source", "deals", "companies"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "url",
                    ("source", "language"),
                    ("published_on", "author"),
                ]
            },
        ),
        (None, {"fields": ["summary"]}),
        (_("Covers"), {"fields": ["deals", "companies", "version"]}),
    ]

    @admin.display(description=_("Original"))
    def original_link(self, obj):
        if not obj.url:
            return "—"
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, _("Open"))


class ChangeLogAdmin(admin.ModelAdmin):
    """Every past version of one kind of record: what changed across the
    archive, by whom and when, and the way back to a deleted record (its
    last version restores it). Read-only: a version is restored from its own
    page, which is the deal's (or company's...) form filled with it."""

    list_filter = ["history_type", "history_date"]
    date_hierarchy = "history_date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Restore"))
    def restore(self, record):
        opts = record.instance_type._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_simple_history",
            args=[record.id, record.history_id],
        )
        return format_html('<a href="{}">{}</a>', url, _("See or restore this version"))


# What identifies a version in the change log of each kind of record.
CHANGE_LOG_COLUMNS = {
    Source: ["name"],
    Company: ["name", "country"],
    Deal: ["title", "status"],
    Bid: ["deal", "status"],
    Deadline: ["label", "deal", "due_on"],
    Authority: ["name", "short_name", "jurisdiction"],
    Review: ["deal", "authority", "status"],
    ReviewSuspension: ["review", "stopped_on"],
    Article: ["title", "published_on"],
}


# What a change log searches in the records its versions point to.
SEARCHED_NAMES = {Deal: ["title"], Authority: ["name", "short_name"]}


def _change_log_admin(curated, columns):
    fields = [curated._meta.get_field(name) for name in columns]
    related = [field.name for field in fields if field.is_relation]
    # A review names its authority and deal: read with it, not once a row.
    related += [f"{field.name}__{part}" for field in fields if field.related_model is Review
                for part in ("deal", "authority")]  # fmt: skip
    searched = [
        *(f"{field.name}__{name}" for field in fields
          for name in SEARCHED_NAMES.get(field.related_model, [])),
        *(field.name for field in fields if not field.is_relation
          and isinstance(field, models.CharField) and not field.choices),
    ]  # fmt: skip
    return type(
        f"{curated.__name__}ChangeLogAdmin",
        (ChangeLogAdmin,),
        {
            "list_display": [*columns, "history_type", "history_date", "history_user", "restore"],
            "list_select_related": ["history_user", *related],
            "search_fields": [*searched, "history_user__username"],
        },
    )


for curated, columns in CHANGE_LOG_COLUMNS.items():
    admin.site.register(curated.history.model, _change_log_admin(curated, columns))


admin.site.site_header = _("dealwatch curation")
admin.site.site_title = _("dealwatch")
admin.site.index_title = _("Curate the archive")

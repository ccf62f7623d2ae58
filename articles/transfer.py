"""Companies, deals and their bids in and out of the admin as CSV or XLSX
(django-import-export).

An import is previewed first (a dry run showing what each row would create or
change, and one error per bad row); it is confirmed only when no row failed,
and then runs in one transaction (IMPORT_EXPORT_USE_TRANSACTIONS), so a file
is imported whole or not at all. Every record is saved through its model,
validated as the admin's forms validate it, with its history. Companies and
deals are named by slug, as the export writes them; dates are read as the
admin reads them (articles.date_input), never misread.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import CharField, Prefetch, TextField
from django.utils.text import slugify
from django.utils.translation import gettext
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from .date_input import ISO_FORMAT, UnambiguousDateField
from .models import Bid, Company, Deal


class UnambiguousDateWidget(widgets.DateWidget):
    """A date cell read as the admin reads a typed date: ISO, a month in
    words, or a slash date that cannot be misread."""

    def __init__(self):
        super().__init__(format=ISO_FORMAT)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return UnambiguousDateField().clean(str(value))
        except forms.ValidationError as error:
            raise ValueError(" ".join(error.messages)) from None


class SlugWidget(widgets.ForeignKeyWidget):
    """A company or deal named by its slug; an unknown slug is that row's
    error, not the end of the import."""

    def __init__(self, model):
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                gettext("No %(model)s has the slug “%(slug)s”.")
                % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None


class CountriesWidget(widgets.Widget):
    """A deal's or bid's countries as "US,CA" (codes separated by commas)."""

    def clean(self, value, row=None, **kwargs):
        return [code.strip().upper() for code in str(value or "").split(",") if code.strip()]

    def render(self, value, obj=None, **kwargs):
        return ",".join(country.code for country in value or [])


class ArchiveResource(resources.ModelResource):
    def import_data(self, dataset, **kwargs):
        # A row refused by validation undoes the whole file too, when it is
        # confirmed as when it is previewed: nothing is ever half-imported.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        # An empty spreadsheet cell reads as None; text is stored empty.
        model = self._meta.model
        for name in list(row.keys()):
            if row[name] is None and name in self.fields:
                attribute = self.fields[name].attribute
                try:
                    field = model._meta.get_field(attribute)
                except FieldDoesNotExist:
                    continue
                if isinstance(field, CharField | TextField) and not field.null:
                    row[name] = ""


class SluggedResource(ArchiveResource):
    """Rows name their record by slug; a row without one gets it from its name."""

    name_field = "name"

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if not row.get("slug") and row.get(self.name_field):
            row["slug"] = slugify(row[self.name_field])


class CompanyResource(SluggedResource):
    parent = fields.Field(
        attribute="parent",
        column_name="parent",
        widget=SlugWidget(Company),
    )

    class Meta:
        model = Company
        fields = ["name", "slug", "country", "parent", "website", "description"]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class DealResource(SluggedResource):
    name_field = "title"
    target = fields.Field(
        attribute="target",
        column_name="target",
        widget=SlugWidget(Company),
    )
    seller = fields.Field(
        attribute="seller",
        column_name="seller",
        widget=SlugWidget(Company),
    )
    countries = fields.Field(
        attribute="countries", column_name="countries", widget=CountriesWidget()
    )
    announced_on = fields.Field(
        attribute="announced_on", column_name="announced_on", widget=UnambiguousDateWidget()
    )
    closed_on = fields.Field(
        attribute="closed_on", column_name="closed_on", widget=UnambiguousDateWidget()
    )

    class Meta:
        model = Deal
        fields = [
            "title",
            "slug",
            "target",
            "seller",
            "deal_type",
            "status",
            "countries",
            "announced_on",
            "closed_on",
            "value",
            "currency",
            "summary",
        ]
        import_id_fields = ["slug"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


class BidResource(ArchiveResource):
    """Bids, each naming its deal and its bidders (slugs separated by
    commas); a row with an id changes that bid, one without adds a bid."""

    deal = fields.Field(attribute="deal", column_name="deal", widget=SlugWidget(Deal))
    bidders = fields.Field(
        attribute="bidders",
        column_name="bidders",
        widget=widgets.ManyToManyWidget(Company, field="slug", separator=","),
    )
    countries = fields.Field(
        attribute="countries", column_name="countries", widget=CountriesWidget()
    )
    submitted_on = fields.Field(
        attribute="submitted_on", column_name="submitted_on", widget=UnambiguousDateWidget()
    )
    resolved_on = fields.Field(
        attribute="resolved_on", column_name="resolved_on", widget=UnambiguousDateWidget()
    )

    class Meta:
        model = Bid
        fields = [
            "id",
            "deal",
            "bidders",
            "status",
            "amount",
            "currency",
            "submitted_on",
            "resolved_on",
            "countries",
            "note",
        ]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True


# A deal's row carries up to this many bids, in columns bid1_bidders,
# bid1_status... bid4_note: one row per deal, as a curator fills a sheet in.
BID_SLOTS = 4
BID_WIDGETS: dict[str, widgets.Widget] = {
    "bidders": widgets.ManyToManyWidget(Company, field="slug", separator=","),
    "status": widgets.Widget(),
    "amount": widgets.DecimalWidget(),
    "currency": widgets.Widget(),
    "submitted_on": UnambiguousDateWidget(),
    "resolved_on": UnambiguousDateWidget(),
    "countries": CountriesWidget(),
    "note": widgets.Widget(),
}
BID_COLUMNS = {
    f"bid{slot}_{part}": (slot, part) for slot in range(1, BID_SLOTS + 1) for part in BID_WIDGETS
}


@dataclass
class ImportedBid:
    """A bid as a deal's row sets it: which columns, and what changes."""

    slot: int
    bid: Bid
    bidders: list[Company] | None = None  # None: as they are
    changed: bool = False


class DealWithBidsResource(DealResource):
    """Deals with their bids in one file: each row a deal, its bids in the
    columns bid1_* to bid4_* (bidders as slugs separated by commas). A
    row's bid columns are the deal's bids in the order they were recorded:
    bid1 changes the first, and columns filled beyond the deal's bids add
    one. An empty cell leaves a value as it is, and a file never deletes a
    bid; a deal's fifth bid and later are left alone (the Bid list imports
    and exports every bid)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for column in BID_COLUMNS:
            self.fields[column] = fields.Field(column_name=column, widget=widgets.Widget())
        self.imported: dict[int, list[ImportedBid]] = {}  # by id() of the deal

    def get_export_order(self):
        return (*super().get_export_order(), *BID_COLUMNS)

    def get_import_order(self):
        return (*super().get_import_order(), *BID_COLUMNS)

    def iter_queryset(self, queryset):
        bids = Bid.objects.order_by("pk").prefetch_related("bidders")
        return super().iter_queryset(queryset.prefetch_related(Prefetch("bids", queryset=bids)))

    def export_field(self, field, instance, **kwargs):
        if field.column_name not in BID_COLUMNS:
            return super().export_field(field, instance, **kwargs)
        slot, part = BID_COLUMNS[field.column_name]
        bids = _ordered_bids(instance)
        if slot > len(bids):
            return ""
        return BID_WIDGETS[part].render(getattr(bids[slot - 1], part))

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, Any] = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        existing = _ordered_bids(instance)
        imported = self.imported[id(instance)] = []
        for slot in range(1, BID_SLOTS + 1):
            cells = {part: row.get(f"bid{slot}_{part}") for part in BID_WIDGETS}
            if all(cell in (None, "") for cell in cells.values()):
                continue
            bid = existing[slot - 1] if slot <= len(existing) else Bid(deal=instance)
            entry = ImportedBid(slot, bid, changed=bid.pk is None)
            errors.update(_fill_bid(entry, cells))
            imported.append(entry)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors: dict[str, Any] = {}
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for entry in self.imported.get(id(instance), []):
            try:
                entry.bid.full_clean(exclude=["deal"])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    column = f"bid{entry.slot}_{name}"
                    if name == NON_FIELD_ERRORS:
                        column = f"bid{entry.slot}"
                    errors.setdefault(column, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if any(entry.changed for entry in self.imported.get(id(instance), [])):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        for entry in self.imported.pop(id(instance), []):
            if not entry.changed:
                continue
            entry.bid.deal = instance
            entry.bid.save()
            if entry.bidders is not None:
                entry.bid.bidders.set(entry.bidders)


def _ordered_bids(deal: Deal) -> list[Bid]:
    """A deal's bids in the order they were recorded (prefetched on export)."""
    if deal.pk is None:
        return []
    return sorted(deal.bids.all(), key=lambda bid: bid.pk)


def _fill_bid(entry: ImportedBid, cells: dict[str, Any]) -> dict[str, list[str]]:
    """Set the bid from its cells; the errors, by column."""
    bid, errors = entry.bid, {}
    for part, cell in cells.items():
        column = f"bid{entry.slot}_{part}"
        if cell in (None, ""):
            if part == "bidders" and bid.pk is None:
                errors[column] = [gettext("A bid needs its bidders.")]
            continue
        if part == "bidders":
            slugs = [slug.strip() for slug in str(cell).split(",") if slug.strip()]
            found = {company.slug: company for company in Company.objects.filter(slug__in=slugs)}
            if unknown := [slug for slug in slugs if slug not in found]:
                errors[column] = [
                    gettext("No %(model)s has the slug “%(slug)s”.")
                    % {"model": Company._meta.verbose_name, "slug": unknown[0]}
                ]
            elif bid.pk is None or set(found) != {c.slug for c in bid.bidders.all()}:
                entry.bidders, entry.changed = list(found.values()), True
            continue
        try:
            value = BID_WIDGETS[part].clean(cell)
        except ValueError as error:
            errors[column] = [str(error)]
            continue
        if part in ("status", "currency", "note"):
            value = str(value).strip()
        current = getattr(bid, part)
        if part == "countries":
            current, value = sorted(country.code for country in current), sorted(value)
        if current != value:
            setattr(bid, part, value)
            entry.changed = True
    return errors


class TransferMixin(ImportExportMixin):
    """For a ModelAdmin: import and export its records as CSV or XLSX."""

    formats = [CSV, XLSX]

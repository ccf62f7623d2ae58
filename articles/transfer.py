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

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, TextField
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


class TransferMixin(ImportExportMixin):
    """For a ModelAdmin: import and export its records as CSV or XLSX."""

    formats = [CSV, XLSX]

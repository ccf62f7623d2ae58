"""The fields of the public filters: what a reader may type or pick, and
how each is cleaned into a record or a value. A field checks its text
first (length), then looks it up; a failed lookup is a form error, never a
server error."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Model, QuerySet
from django.utils.choices import CallableChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .country_input import country_code
from .locale_data import is_jurisdiction
from .models import Company, Source

MAX_QUERY_LENGTH = 200


class AmbiguousCompany(forms.ValidationError):
    """Several companies match the text typed: the page asks which one."""

    def __init__(self, text: str, candidates: list[Company]) -> None:
        super().__init__(
            _("Several companies match “%(text)s”: which one did you mean?"),
            code="ambiguous",
            params={"text": text},
        )
        self.candidates = candidates


class LookupField(forms.CharField):
    """Text that names one record; cleans to that record. The text is checked
    as text first (length), then looked up."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        text = super().clean(value).strip()
        return self.resolve(text) if text else None

    def resolve(self, text: str) -> Model:
        raise NotImplementedError


class NamedRecordField(LookupField):
    """A record typed by slug or by name, shown back by its name: the box of
    a shared URL (?buyer=microsoft) reads "Microsoft", not the slug."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resolved: dict[str, Company | Source] = {}

    def clean(self, value: Any) -> Any:
        record = super().clean(value)
        if record is not None:
            self.resolved[value.strip()] = record
        return record

    def prepare_value(self, value: Any) -> Any:
        record = self.resolved.get(value.strip()) if isinstance(value, str) else None
        return record.name if record is not None else value


class CompanyField(NamedRecordField):
    """A company, given by slug (as in a shared URL) or by part of its name (as
    typed in the form, without JavaScript). A box for one role (``role``:
    "buyer", "seller", "target") knows only the companies that hold it: it
    never suggests, nor asks "which one did you mean?" about, a company that
    never bid. Text that names none is an error (code "unknown") that keeps
    the ``nearest`` names that do."""

    max_candidates = 10

    def __init__(self, *args: Any, role: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Type part of a company's name."))
        super().__init__(*args, **kwargs)
        self.role = role
        self.widget.attrs.update({"list": "company-suggestions", "autocomplete": "off"})
        if role:
            self.widget.attrs["data-role"] = role
        self.candidates: list[Company] = []
        self.nearest: list[Company] = []

    def resolve(self, text: str) -> Company:
        companies = Company.objects.holding(self.role)
        company: Company | None = companies.filter(slug=text.lower()).first()
        if company is None:
            exact = list(companies.filter(name__iexact=text)[:2])
            if len(exact) == 1:
                company = exact[0]
            else:
                matches = list(companies.matching(text)[: self.max_candidates + 1])
                if not matches:
                    self.nearest = companies.nearest(text)
                    raise forms.ValidationError(
                        NO_MATCH[self.role], code="unknown", params={"text": text}
                    )
                if len(matches) > 1:
                    self.candidates = matches[: self.max_candidates]
                    raise AmbiguousCompany(text, self.candidates)
                company = matches[0]
        assert company is not None
        return company


NO_MATCH = {
    None: _("No company matches “%(text)s”."),
    "buyer": _("No company that made a bid matches “%(text)s”."),
    "seller": _("No company that sold in a deal matches “%(text)s”."),
    "target": _("No company that was a deal's target matches “%(text)s”."),
}


class CompanyFilter(django_filters.Filter):  # type: ignore[misc]  # django-filter has no types
    field_class = CompanyField


class SlugField(LookupField):
    """A record given by its slug."""

    def __init__(self, *args: Any, queryset: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queryset = queryset

    def resolve(self, slug: str) -> Any:
        try:
            return self.queryset.get(slug=slug)
        except self.queryset.model.DoesNotExist:
            raise forms.ValidationError(
                _("Nothing in the archive has the identifier “%(slug)s”."),
                code="unknown",
                params={"slug": slug},
            ) from None


class SlugFilter(django_filters.Filter):  # type: ignore[misc]  # django-filter has no types
    field_class = SlugField


class SourceField(NamedRecordField):
    """A source, given by slug (as in a shared URL) or by its name or part of
    it, as typed: an archive quotes thousands of sources, too many for a list
    to choose from."""

    max_candidates = 5

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Type part of the source's name."))
        super().__init__(*args, **kwargs)

    def resolve(self, text: str) -> Source:
        source = Source.objects.filter(slug=text.lower()).first()
        if source is None:
            exact = list(Source.objects.filter(name__iexact=text)[:2])
            matches = exact or list(
                Source.objects.filter(name__icontains=text)[: self.max_candidates + 1]
            )
            if not matches:
                raise forms.ValidationError(
                    _("No source matches “%(text)s”."), code="unknown", params={"text": text}
                )
            if len(matches) > 1:
                names = ", ".join(match.name for match in matches[: self.max_candidates])
                if len(matches) > self.max_candidates:
                    names += "…"
                raise forms.ValidationError(
                    _("Several sources match “%(text)s” (%(names)s): type more of the name."),
                    code="ambiguous",
                    params={"text": text, "names": names},
                )
            source = matches[0]
        return source


class SourceFilter(django_filters.Filter):  # type: ignore[misc]  # django-filter has no types
    field_class = SourceField


class CountrySelect(forms.Select):
    """Every country by name in the page's language (django-countries sorts
    them so), read when the page is drawn, after "Any country"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = CallableChoiceIterator(_country_choices)


def _country_choices() -> list[tuple[str, str]]:
    return [("", str(_("Any country"))), *((code, str(name)) for code, name in countries)]


class CountryCodeField(forms.CharField):
    """A country, by its ISO 3166 code in any case ("ca", "CA", "CAN") or by
    its name in the page's language or English ("Canada"), as a URL may give
    it; chosen from a list of names on the page. Cleans to the alpha-2 code."""

    widget = CountrySelect

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> str:
        text = (super().to_python(value) or "").strip()
        if not text:
            return ""
        code = country_code(text)
        if code is None:
            raise forms.ValidationError(
                _("No country is called “%(text)s”: choose one from the list."),
                code="unknown_country",
                params={"text": text},
            )
        return code

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # a list of choices takes no maxlength

    def prepare_value(self, value: Any) -> Any:
        # The list selects the country whatever spelling the URL used.
        if isinstance(value, str) and value.strip():
            return country_code(value) or value
        return value


class CountryFilter(django_filters.CharFilter):  # type: ignore[misc]  # django-filter has no types
    field_class = CountryCodeField


class JurisdictionField(forms.CharField):
    """Where an authority acts: an ISO 3166 code or a region's (EU), in any case."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> str:
        code = (super().to_python(value) or "").strip().upper()
        if code and not is_jurisdiction(code):
            raise forms.ValidationError(
                _("“%(code)s” is not a jurisdiction (use a country code such as GB, or EU)."),
                code="unknown_jurisdiction",
                params={"code": code},
            )
        return code


class JurisdictionFilter(django_filters.CharFilter):  # type: ignore[misc]  # django-filter has no types
    field_class = JurisdictionField


class SuggestionForm(forms.Form):
    """What /suggest/companies/ may be asked: a few letters of a name. A NUL
    byte (which PostgreSQL refuses in text) or an overlong text is refused as
    any form field refuses it."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH)
    role = forms.ChoiceField(
        required=False, choices=[(role, role) for role in ("", "buyer", "seller", "target")]
    )

    min_length = 2  # fewer letters match too many names to be of help

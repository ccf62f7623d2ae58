"""The story desk: a whole news story recorded from one admin page, starting
from the article's link.

GET ?url= fetches the page (articles.link_fetch) and fills the article in
from what it says about itself (articles.link_metadata), or opens the
article already archived under that link. POST records the article, the
deal (picked or new), its parties, bids, reviews (of authorities known to
the archive, or typed new with their jurisdiction) and deadlines at once
(articles.services.record_story), or shows every error with a summary at
the top that links to each field, keeping everything typed.
"""

import datetime
from difflib import get_close_matches

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextInputWidget, AutocompleteSelect
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import company_names, services
from .country_input import TypedCountriesField, jurisdiction_code
from .date_input import UnambiguousDateField
from .edit_conflicts import last_change
from .link_fetch import FetchError, fetch
from .link_metadata import PageMetadata, clean_url, extract, same_page_urls
from .locale_data import language_choices
from .models import Article, Authority, Bid, Deadline, Deal, Review
from .text import clean_text

# Everything the desk may create; a curator without one of them cannot use it.
REQUIRED_PERMISSIONS = [
    f"articles.add_{model}"
    for model in ("article", "deal", "bid", "deadline", "review", "authority", "company", "source")
]


class PlainTextField(forms.CharField):
    """Text as pasted, cleaned of what XML cannot carry (articles.text)."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        return clean_text(text, multiline=isinstance(self.widget, forms.Textarea))


def _text(**kwargs):
    return PlainTextField(widget=AdminTextInputWidget, **kwargs)


def _languages() -> list[tuple[str, str]]:
    return [("", "---------"), *language_choices()]


def _deal_picker(**attrs) -> AutocompleteSelect:
    return AutocompleteSelect(Bid._meta.get_field("deal"), admin.site, attrs=attrs)


class LinkForm(forms.Form):
    url = forms.URLField(
        label=_("Link to the article"),
        assume_scheme="https",
        max_length=1000,
        widget=forms.URLInput(attrs={"class": "vURLField", "autofocus": True}),
    )
    deal = forms.ModelChoiceField(
        Deal.objects.all(),
        label=_("existing deal"),
        required=False,
        widget=_deal_picker(id="id_link_deal"),
        help_text=_(
            "If the story is about a deal already in the archive: its pending "
            "deadlines are then listed, to extend them."
        ),
    )


class StoryForm(forms.Form):
    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)
    # The article
    url = forms.URLField(
        label=_("link"),
        assume_scheme="https",
        max_length=1000,
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )
    title = _text(label=_("title"), max_length=300)
    published_on = UnambiguousDateField(label=_("published on"))
    author = _text(label=_("author"), max_length=200, required=False)
    # Blank until the page declares it or the curator picks it: a language
    # picked by default would be saved unnoticed.
    language = forms.ChoiceField(label=_("language"), choices=_languages)
    source_name = _text(
        label=_("source"),
        max_length=200,
        help_text=_("Found by the link's domain; a new name creates the source."),
    )
    summary = PlainTextField(label=_("summary"), widget=forms.Textarea, required=False)
    # The deal
    deal = forms.ModelChoiceField(
        Deal.objects.all(),
        label=_("existing deal"),
        required=False,
        widget=_deal_picker(),
        help_text=_("Type to find the deal; leave empty to record a new one below."),
    )
    deal_title = _text(label=_("title of a new deal"), max_length=300, required=False)
    target = _text(
        label=_("target"),
        max_length=200,
        required=False,
        help_text=_("Type the company's name; a name new to the archive creates it."),
    )
    seller = _text(label=_("seller"), max_length=200, required=False)
    deal_type = forms.ChoiceField(label=_("type"), choices=Deal.Type, initial=Deal.Type.ACQUISITION)
    status = forms.ChoiceField(label=_("status"), choices=Deal.Status, initial=Deal.Status.RUMOURED)
    countries = TypedCountriesField(
        label=_("countries"),
        required=False,
        help_text=_("Codes or names, separated by commas: US, CA, Australia."),
    )
    announced_on = UnambiguousDateField(label=_("announced on"), required=False)
    create_near_names = forms.BooleanField(
        label=_("Create the new companies even though a close name exists"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["countries"].widget.attrs["class"] = "vTextField"

    def clean(self):
        data = super().clean() or {}
        if data.get("deal") is None:
            if not data.get("deal_title"):
                self.add_error("deal_title", gettext("Pick a deal, or give the new deal's title."))
            if not data.get("target"):
                self.add_error("target", gettext("A new deal needs its target."))
        return data


class BidForm(forms.Form):
    bidders = _text(
        label=_("bidders"),
        max_length=600,
        help_text=_("Company names, separated by commas for a joint bid."),
    )
    status = forms.ChoiceField(label=_("status"), choices=Bid.Status, initial=Bid.Status.SUBMITTED)
    amount = forms.DecimalField(label=_("amount"), max_digits=18, decimal_places=2, required=False)
    currency = forms.CharField(label=_("currency"), max_length=3, required=False)
    submitted_on = UnambiguousDateField(label=_("submitted on"), required=False)
    countries = TypedCountriesField(label=_("countries"), required=False)
    note = _text(label=_("note"), required=False)
    cites_article = forms.BooleanField(label=_("cites this article"), required=False, initial=True)

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()


class DeadlineForm(forms.Form):
    label = _text(label=_("label"), max_length=300)
    kind = forms.ChoiceField(label=_("kind"), choices=Deadline.Kind, initial=Deadline.Kind.OTHER)
    due_on = UnambiguousDateField(label=_("due on"))
    status = forms.ChoiceField(
        label=_("status"), choices=Deadline.Status, initial=Deadline.Status.PENDING
    )
    set_by = _text(label=_("set by"), max_length=300, required=False)
    extended_to = UnambiguousDateField(
        label=_("extended to"),
        required=False,
        help_text=_("If it slipped: the new date. The new deadline is created with it."),
    )
    extended_label = _text(label=_("new label"), max_length=300, required=False)
    cites_article = forms.BooleanField(label=_("cites this article"), required=False, initial=True)

    def clean(self):
        data = super().clean() or {}
        due_on, extended_to = data.get("due_on"), data.get("extended_to")
        if due_on and extended_to and extended_to <= due_on:
            self.add_error("extended_to", gettext("A deadline is extended to a later date."))
        return data


class ExtensionForm(forms.Form):
    """One pending deadline of the picked deal, extended in one step: the
    new date (and label) creates its successor."""

    deadline = forms.IntegerField(widget=forms.HiddenInput)
    extended_to = UnambiguousDateField(
        label=_("extended to"),
        required=False,
        help_text=_("If it slipped: the new date. The new deadline is created with it."),
    )
    extended_label = _text(label=_("new label"), max_length=300, required=False)

    def __init__(self, *args, deal: Deal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.deal = deal

    def pending(self) -> Deadline | None:
        """The pending deadline this form is about (a query), if it still is."""
        try:
            pk = int(self["deadline"].value())
        except (TypeError, ValueError):
            return None
        if not hasattr(self, "_pending"):
            self._pending = pending_deadlines(self.deal).filter(pk=pk).first()
        return self._pending

    def clean(self):
        data = super().clean() or {}
        extended_to = data.get("extended_to")
        if extended_to is None:
            return data
        deadline = data["deadline"] = self.pending()
        if deadline is None:
            self.add_error(
                "extended_to",
                gettext(
                    "This deadline is no longer a pending deadline of the deal picked: "
                    "open the desk again with the deal to see its deadlines."
                ),
            )
        elif extended_to <= deadline.due_on:
            self.add_error("extended_to", gettext("A deadline is extended to a later date."))
        return data


def pending_deadlines(deal: Deal | None):
    if deal is None:
        return Deadline.objects.none()
    return Deadline.objects.filter(deal=deal, status=Deadline.Status.PENDING).order_by("due_on")


ExtensionFormSet = forms.formset_factory(ExtensionForm, extra=0)


def _extensions(request, deal: Deal | None):
    """The picked deal's pending deadlines, each to extend: as posted, or
    listed afresh when the deal was picked on this page."""
    if request.method == "POST" and "extensions-TOTAL_FORMS" in request.POST:
        return ExtensionFormSet(request.POST, prefix="extensions", form_kwargs={"deal": deal})
    initial = [{"deadline": deadline.pk} for deadline in pending_deadlines(deal)]
    return ExtensionFormSet(initial=initial, prefix="extensions", form_kwargs={"deal": deal})


def _picked_deal(data) -> Deal | None:
    """The deal picked in ``data`` (a query), if any and valid."""
    field = forms.ModelChoiceField(Deal.objects.all(), required=False)
    try:
        return field.clean(data.get("deal"))
    except ValidationError:
        return None


class AuthorityNameField(forms.CharField):
    """An authority typed by its name or short name (CMA), in any case: the
    authority, or the name as typed when the archive has none of that name
    (the review's form then asks for the new one's jurisdiction)."""

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        matches = list(
            Authority.objects.filter(
                Q(name__iexact=text) | Q(short_name__iexact=text) | Q(slug=text.lower())
            )[:5]
        )
        if len(matches) > 1:
            raise ValidationError(
                gettext("Several authorities are named “%(text)s”: type the full name (%(names)s).")
                % {"text": text, "names": ", ".join(m.name for m in matches)},
                code="ambiguous",
            )
        return matches[0] if matches else text


def near_authority_names(text: str) -> list[str]:
    """The names and short names of the archive's authorities closest to
    ``text`` (they are few: all are read)."""
    names = {
        name
        for pair in Authority.objects.values_list("name", "short_name")
        for name in pair
        if name
    }
    by_form = {company_names.comparable(name): name for name in names}
    nearest = get_close_matches(company_names.comparable(text), by_form, n=3, cutoff=0.6)
    return [by_form[form] for form in nearest]


class JurisdictionNameField(forms.CharField):
    """A jurisdiction typed as a country's code or name (GB, Australia) or a
    region's (EU, European Union)."""

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return ""
        code = jurisdiction_code(text)
        if code is None:
            raise ValidationError(
                gettext("“%(text)s” is no country or region: type GB, Australia or EU."),
                code="unknown",
                params={"text": text},
            )
        return code


class ReviewForm(forms.Form):
    authority = AuthorityNameField(
        label=_("authority"), max_length=200, help_text=_("Its name or short name: CMA, FTC.")
    )
    new_authority_jurisdiction = JurisdictionNameField(
        label=_("new authority's jurisdiction"),
        max_length=100,
        required=False,
        help_text=_(
            "Only for an authority the archive does not have yet, added with the review: "
            "a country (GB, Australia) or EU."
        ),
    )
    new_authority_kind = forms.ChoiceField(
        label=_("new authority's kind"),
        choices=Authority.Kind,
        initial=Authority.Kind.COMPETITION,
        required=False,
    )
    add_authority_anyway = forms.BooleanField(
        label=_("add it though a name is near"),
        required=False,
        help_text=_("Tick to add the new authority when the desk offers a near name."),
    )
    status = forms.ChoiceField(
        label=_("status"), choices=Review.Status, initial=Review.Status.UNDER_REVIEW
    )
    kind = forms.ChoiceField(
        label=_("kind"), choices=Review.Kind, initial=Review.Kind.MERGER_CONTROL
    )
    phase = forms.ChoiceField(
        label=_("phase"), choices=[("", "—"), *Review.Phase.choices], required=False
    )
    case_reference = _text(label=_("case reference"), max_length=60, required=False)
    opened_on = UnambiguousDateField(label=_("opened on"), required=False)
    phase_started_on = UnambiguousDateField(
        label=_("phase started on"),
        required=False,
        help_text=_("When the in-depth phase began, if it has."),
    )
    decided_on = UnambiguousDateField(label=_("decided on"), required=False)
    note = _text(label=_("note"), required=False)
    cites_article = forms.BooleanField(label=_("cites this article"), required=False, initial=True)

    def clean(self):
        data = super().clean() or {}
        authority = data.get("authority")
        # A new authority needs its jurisdiction (unless the one typed was
        # refused), and, when its name is near one the archive has, a tick.
        if isinstance(authority, str) and "new_authority_jurisdiction" not in self.errors:
            near = near_authority_names(authority)
            if not data.get("new_authority_jurisdiction"):
                self.add_error("authority", self._unknown_authority(authority, near))
            elif near and not data.get("add_authority_anyway"):
                self.add_error("authority", self._near_authority(authority, near))
        status, decided_on = data.get("status"), data.get("decided_on")
        if status in Review.OPEN_STATUSES and decided_on:
            self.add_error(
                "decided_on",
                gettext(
                    "A review still open has no decision date: "
                    "choose the status it was decided with."
                ),
            )
        elif status and status not in Review.OPEN_STATUSES and not decided_on:
            self.add_error("decided_on", gettext("Give the date of the decision."))
        opened_on, phase_started_on = data.get("opened_on"), data.get("phase_started_on")
        if opened_on and decided_on and decided_on < opened_on:
            self.add_error(
                "decided_on", gettext("A review cannot be decided before it was opened.")
            )
        if opened_on and phase_started_on and phase_started_on < opened_on:
            self.add_error(
                "phase_started_on", gettext("A phase cannot start before the review was opened.")
            )
        elif decided_on and phase_started_on and decided_on < phase_started_on:
            self.add_error("phase_started_on", gettext("A phase cannot start after the decision."))
        return data

    @staticmethod
    def _unknown_authority(name: str, near: list[str]) -> str:
        message = gettext(
            "No authority is named “%(name)s”. To add it, give its jurisdiction; "
            "else correct the name."
        ) % {"name": name}
        if near:
            message += " " + gettext("Did you mean %(names)s?") % {"names": ", ".join(near)}
        return message

    @staticmethod
    def _near_authority(name: str, near: list[str]) -> str:
        return gettext(
            "Did you mean %(names)s? To add “%(name)s” as a new authority all the same, "
            "tick “add it though a name is near”."
        ) % {"names": ", ".join(near), "name": name}

    def review_data(self) -> services.ReviewData:
        """The review as the services record it, its authority new or not."""
        data = dict(self.cleaned_data)
        jurisdiction = data.pop("new_authority_jurisdiction")
        kind = data.pop("new_authority_kind") or Authority.Kind.COMPETITION
        del data["add_authority_anyway"]
        if isinstance(data["authority"], str):
            data["authority"] = services.NewAuthority(data["authority"], jurisdiction, kind)
        return services.ReviewData(**data)


ARTICLE_FIELDS = ["url", "title", "published_on", "author", "language", "source_name", "summary"]
DEAL_FIELDS = [
    "deal",
    "deal_title",
    "target",
    "seller",
    "deal_type",
    "status",
    "countries",
    "announced_on",
    "create_near_names",
]

BidFormSet = forms.formset_factory(BidForm, extra=3)
DeadlineFormSet = forms.formset_factory(DeadlineForm, extra=2)
ReviewFormSet = forms.formset_factory(ReviewForm, extra=1)


def _filled[F: forms.Form](formset: "forms.BaseFormSet[F]") -> list[F]:
    return [form for form in formset.forms if form.has_changed()]


def _check_names(story: StoryForm, bids) -> None:
    """Refuse a name that matches no company but is close to one, unless
    the curator said to create it anyway: "did you mean …?"."""
    if story.cleaned_data.get("create_near_names"):
        return
    fields = [(story, "target"), (story, "seller")] + [(form, "bidders") for form in bids]
    # New names typed twice on the page, spelt differently ("TikTok", "Tiktok").
    new_names: dict[str, str] = {}
    for form, name in fields:
        for typed in company_names.split_names(form.cleaned_data.get(name) or ""):
            if company_names.exact(typed):
                continue
            close = [f"“{company.name}”" for company in company_names.near(typed)]
            earlier = new_names.setdefault(company_names.comparable(typed), typed)
            if earlier != typed:
                close.append(f"“{earlier}”")
            if close:
                form.add_error(
                    name,
                    gettext(
                        "No company is called “%(typed)s”. Did you mean %(names)s? Type "
                        "that name, or tick “Create the new companies even though a close "
                        "name exists”."
                    )
                    % {
                        "typed": typed,
                        "names": gettext(" or ").join(close),
                    },
                )


def _conflict(story: StoryForm) -> str | None:
    """Why a save onto an existing deal must be refused: the deal changed
    after the desk was opened (its row is locked until the save ends)."""
    deal = story.cleaned_data.get("deal")
    opened = story.cleaned_data.get("opened_at")
    if deal is None or not opened:
        return None
    try:
        opened_at = datetime.datetime.fromisoformat(opened)
    except ValueError:
        return None
    current = Deal.objects.select_for_update().filter(pk=deal.pk).values("updated_at").first()
    if current is None or current["updated_at"] <= opened_at:
        return None
    user, _when = last_change(Deal, deal.pk)
    return gettext(
        "%(user)s changed this deal after you opened the desk. Nothing was saved: check "
        "the deal's page, then save again."
    ) % {"user": user or gettext("Someone else")}


def _error_summary(story, bids, deadlines, reviews, extensions) -> list[tuple[str, str, str]]:
    """(field id, label, message) for every error, for the links at the top."""
    summary = []
    for form in [story, *bids.forms, *reviews.forms, *deadlines.forms, *extensions.forms]:
        for name, errors in form.errors.items():
            if name == NON_FIELD_ERRORS:
                summary += [("", "", message) for message in errors]
                continue
            bound = form[name]
            summary += [(bound.auto_id, str(bound.label), message) for message in errors]
    summary += [("", "", message) for message in bids.non_form_errors()]
    summary += [("", "", message) for message in deadlines.non_form_errors()]
    summary += [("", "", message) for message in reviews.non_form_errors()]
    summary += [("", "", message) for message in extensions.non_form_errors()]
    return summary


def _existing_article(url: str) -> Article | None:
    return Article.objects.filter(url__in=same_page_urls(url)).order_by("pk").first()


def _prefill(request, url: str) -> tuple[dict, Article | None]:
    """The story form's initial values from the page at ``url`` (fetched),
    or the article already archived under it."""
    existing = _existing_article(url)
    initial = {"url": clean_url(url)}
    if existing:
        return initial, existing
    try:
        found = extract(fetch(url))
    except FetchError as error:
        messages.warning(request, gettext("The page was not read: %(reason)s") % {"reason": error})
        return initial, None
    existing = _existing_article(found.url)
    if found.is_empty():
        messages.warning(
            request,
            gettext("The page says nothing about itself: fill the article in by hand."),
        )
    source = services.source_for_link(found.url) or services.source_for_link(url)
    initial.update(_initial_from(found, source))
    return initial, existing


def _initial_from(found: PageMetadata, source) -> dict:
    initial = {
        "url": found.url,
        "title": found.title,
        "author": found.author,
        "language": found.language,
        "published_on": found.published_on,
        "source_name": source.name if source else found.site_name,
    }
    return {key: value for key, value in initial.items() if value}


def story_desk(request):
    if not request.user.has_perms(REQUIRED_PERMISSIONS):
        raise PermissionDenied
    bids = BidFormSet(request.POST or None, prefix="bids")
    deadlines = DeadlineFormSet(request.POST or None, prefix="deadlines")
    reviews = ReviewFormSet(request.POST or None, prefix="reviews")
    deal = _picked_deal(request.POST if request.method == "POST" else request.GET)
    extensions = _extensions(request, deal)
    if request.method == "POST":
        story = StoryForm(request.POST)
        if response := _save(request, story, bids, deadlines, reviews, extensions):
            return response
        link = LinkForm()
    else:
        link = LinkForm(request.GET or None)
        initial = {"opened_at": timezone.now().isoformat(), "deal": deal}
        if link.is_valid():
            found, existing = _prefill(request, link.cleaned_data["url"])
            if existing is not None:
                messages.info(request, gettext("This article is already in the archive."))
                return redirect("admin:articles_article_change", existing.pk)
            initial.update(found)
        story = StoryForm(initial=initial)
    return _render(request, link, story, bids, deadlines, reviews, extensions)


def _save(request, story, bids, deadlines, reviews, extensions):
    valid = (
        story.is_valid()
        & bids.is_valid()
        & deadlines.is_valid()
        & reviews.is_valid()
        & extensions.is_valid()
    )
    if valid:
        _check_names(story, _filled(bids))
        existing = _existing_article(story.cleaned_data["url"])
        if existing:
            story.add_error(
                "url",
                gettext("This link is already in the archive: “%(title)s”.")
                % {"title": existing.title},
            )
    if not valid or not story.is_valid() or any(form.errors for form in bids.forms):
        return None
    try:
        with transaction.atomic():
            if conflict := _conflict(story):
                story.add_error(None, conflict)
                return None
            result = services.record_story(
                **_story_data(story, bids, deadlines, reviews, extensions)
            )
    except ValidationError as error:
        story.add_error(None, error.messages)
        return None
    messages.success(request, _saved_message(result))
    return redirect("admin:articles_deal_change", result.deal.pk)


def _story_data(story, bids, deadlines, reviews, extensions) -> dict:
    data = story.cleaned_data
    new_deal = None
    if data["deal"] is None:
        new_deal = services.DealData(
            title=data["deal_title"],
            target=data["target"],
            seller=data["seller"],
            deal_type=data["deal_type"],
            status=data["status"],
            countries=data["countries"],
            announced_on=data["announced_on"],
        )
    return {
        "article": services.ArticleData(
            url=clean_url(data["url"]),
            title=data["title"],
            published_on=data["published_on"],
            language=data["language"],
            source_name=data["source_name"],
            author=data["author"],
            summary=data["summary"],
        ),
        "deal": data["deal"],
        "new_deal": new_deal,
        "bids": [
            services.BidData(
                **{
                    **form.cleaned_data,
                    "bidders": company_names.split_names(form.cleaned_data["bidders"]),
                }
            )
            for form in _filled(bids)
        ],
        "deadlines": [services.DeadlineData(**form.cleaned_data) for form in _filled(deadlines)],
        "extensions": [
            services.ExtensionData(
                deadline=form.cleaned_data["deadline"],
                due_on=form.cleaned_data["extended_to"],
                label=form.cleaned_data["extended_label"],
            )
            for form in extensions.forms
            if form.cleaned_data.get("extended_to")
        ],
        "reviews": [form.review_data() for form in _filled(reviews)],
    }


def _saved_message(result: services.StoryResult) -> str:
    message = gettext("The story was recorded: “%(article)s”, on the deal “%(deal)s”.") % {
        "article": result.article.title,
        "deal": result.deal.title,
    }
    if result.created_companies:
        message += " " + gettext("New companies: %(names)s.") % {
            "names": ", ".join(company.name for company in result.created_companies)
        }
    if result.created_authorities:
        message += " " + gettext(
            "New authorities (give them a short name and a website in Authorities): %(names)s."
        ) % {"names": ", ".join(authority.name for authority in result.created_authorities)}
    return message


def _render(request, link, story, bids, deadlines, reviews, extensions):
    summary = _error_summary(story, bids, deadlines, reviews, extensions) if story.is_bound else []
    context = {
        **admin.site.each_context(request),
        "title": gettext("Story desk"),
        "link_form": link,
        "story": story,
        "bids": bids,
        "deadlines": deadlines,
        "reviews": reviews,
        "extensions": extensions,
        "error_summary": summary,
        "media": story.media
        + forms.Media(js=["admin/js/calendar.js", "admin/js/admin/DateTimeShortcuts.js"]),
        "desk_url": reverse("story_desk"),
        "article_fields": ARTICLE_FIELDS,
        "deal_fields": DEAL_FIELDS,
    }
    return TemplateResponse(request, "admin/desk/story.html", context)

"""Writes that touch several kinds of record at once, each in one transaction."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from . import company_names
from .history import DeletedParts, links_as_of
from .link_metadata import domain_of
from .models import (
    Article,
    Authority,
    Bid,
    Company,
    Deadline,
    Deal,
    Review,
    Source,
    SourceDomain,
)


@transaction.atomic
def restore_deleted_parts(*, deal: Deal, parts: DeletedParts, user=None) -> None:
    """Bring back what was deleted with ``deal`` (itself restored already,
    with the same primary key): its bids and deadlines as they were, with
    their links (bidders, sources), which deadline replaced which, and the
    links from the articles that reported on it. Each restored record gets a
    version of its own in the history, by ``user``."""
    replaced_by = {}
    for record in [*parts.bids, *parts.deadlines]:
        part = record.instance
        if isinstance(part, Deadline):
            # Its replacement may not be back yet: pointed to once it is.
            replaced_by[part.pk], part.extended_to_id = part.extended_to_id, None
        part._history_user = user
        part.save(force_insert=True)
        for name, ids in links_as_of(record).items():
            getattr(part, name).set(ids)
    for deadline in Deadline.objects.filter(pk__in=replaced_by):
        successor = replaced_by[deadline.pk]
        if successor is not None and Deadline.objects.filter(pk=successor).exists():
            deadline.extended_to_id = successor
            deadline._history_user = user  # type: ignore[attr-defined]  # simple_history's
            deadline.save(update_fields=["extended_to"])
    deal.articles.add(*parts.articles)
    # Their links changed: a page of one opened before must not save over it.
    Article.objects.filter(pk__in=parts.articles).update(updated_at=timezone.now())


@dataclass(frozen=True)
class ArticleData:
    url: str
    title: str
    published_on: datetime.date
    language: str
    source_name: str
    author: str = ""
    summary: str = ""


@dataclass(frozen=True)
class DealData:
    title: str
    target: str
    seller: str = ""
    deal_type: str = Deal.Type.ACQUISITION
    status: str = Deal.Status.RUMOURED
    countries: list[str] = field(default_factory=list)
    announced_on: datetime.date | None = None


@dataclass(frozen=True)
class BidData:
    bidders: list[str]
    status: str = Bid.Status.SUBMITTED
    amount: Decimal | None = None
    currency: str = ""
    submitted_on: datetime.date | None = None
    countries: list[str] = field(default_factory=list)
    note: str = ""
    cites_article: bool = True


@dataclass(frozen=True)
class DeadlineData:
    label: str
    due_on: datetime.date
    kind: str = Deadline.Kind.OTHER
    status: str = Deadline.Status.PENDING
    set_by: str = ""
    note: str = ""
    extended_to: datetime.date | None = None
    extended_label: str = ""
    cites_article: bool = True


@dataclass(frozen=True)
class ExtensionData:
    """A pending deadline of the story's deal that slipped to ``due_on``."""

    deadline: Deadline
    due_on: datetime.date
    label: str = ""
    cites_article: bool = True


@dataclass(frozen=True)
class NewAuthority:
    """An authority the story names that the archive does not have yet."""

    name: str
    jurisdiction: str
    kind: str = Authority.Kind.COMPETITION


@dataclass(frozen=True)
class ReviewData:
    """A regulator's review the story reports."""

    authority: Authority | NewAuthority
    status: str
    kind: str = Review.Kind.MERGER_CONTROL
    phase: str = ""
    case_reference: str = ""
    opened_on: datetime.date | None = None
    phase_started_on: datetime.date | None = None
    decided_on: datetime.date | None = None
    note: str = ""
    cites_article: bool = True


@dataclass
class StoryResult:
    article: Article
    deal: Deal
    created_companies: list[Company] = field(default_factory=list)
    created_source: Source | None = None
    created_authorities: list[Authority] = field(default_factory=list)


def unique_slug(model: type[Model], text: str, max_length: int = 200) -> str:
    """A slug for ``text`` that no ``model`` row has yet (one query per clash)."""
    base = (slugify(text) or str(model._meta.model_name))[: max_length - 6].strip("-")
    slug, number = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def source_for_link(url: str) -> Source | None:
    """The source publishing under the link's domain, or a parent domain of
    it (news.example.com falls back to example.com)."""
    labels = domain_of(url).split(".")
    candidates = [".".join(labels[index:]) for index in range(len(labels) - 1)]
    domains = {
        domain.domain: domain.source
        for domain in SourceDomain.objects.filter(domain__in=candidates).select_related("source")
    }
    return next((domains[name] for name in candidates if name in domains), None)


class _Companies:
    """Names typed on the desk, each resolved once: the company of exactly
    that name, or a new one (the desk asked about near names before)."""

    def __init__(self):
        self.by_name: dict[str, Company] = {}
        self.created: list[Company] = []

    def get(self, name: str) -> Company:
        key = name.strip()
        if key not in self.by_name:
            company = company_names.exact(key)
            if company is None:
                company = Company.objects.create(name=name.strip(), slug=unique_slug(Company, name))
                self.created.append(company)
            self.by_name[key] = company
        return self.by_name[key]


class _Authorities:
    """The reviews' authorities: those typed new are created once each."""

    def __init__(self):
        self.by_name: dict[str, Authority] = {}
        self.created: list[Authority] = []

    def get(self, authority: Authority | NewAuthority) -> Authority:
        if isinstance(authority, Authority):
            return authority
        key = authority.name.casefold()
        if key not in self.by_name:
            new = Authority(
                name=authority.name,
                slug=unique_slug(Authority, authority.name),
                jurisdiction=authority.jurisdiction,
                kind=authority.kind,
            )
            new.full_clean()  # a name taken meanwhile is a message, not an error
            new.save()
            self.created.append(new)
            self.by_name[key] = new
        return self.by_name[key]


def _source(article: ArticleData) -> tuple[Source, Source | None]:
    """The article's source and, if it had to be made, the new one."""
    source = source_for_link(article.url)
    if source is None:
        source = Source.objects.filter(name__iexact=article.source_name.strip()).first()
        created = None
        if source is None:
            source = created = Source.objects.create(
                name=article.source_name.strip(),
                slug=unique_slug(Source, article.source_name),
            )
        domain = domain_of(article.url)
        if domain and not SourceDomain.objects.filter(domain=domain).exists():
            SourceDomain.objects.create(source=source, domain=domain)
        return source, created
    return source, None


@transaction.atomic
def record_story(
    *,
    article: ArticleData,
    deal: Deal | None,
    new_deal: DealData | None,
    bids: list[BidData],
    deadlines: list[DeadlineData],
    extensions: Sequence[ExtensionData] = (),
    reviews: list[ReviewData] | None = None,
) -> StoryResult:
    """Record a whole story at once: its article (and source), the deal it
    covers (an existing one, or ``new_deal``), its bids, reviews and
    deadlines. Every bid, review and deadline cites the article unless told
    otherwise; the article is
    linked to the deal and to every party named. A deadline with
    ``extended_to`` is saved extended, with its successor, and so is each
    of ``extensions``, a pending deadline of the existing deal. Any error
    undoes everything."""
    companies = _Companies()
    source, created_source = _source(article)
    reported: list[Deal | Bid] = []  # new records whose status this story reports
    if deal is None:
        assert new_deal is not None
        deal = Deal(
            title=new_deal.title,
            slug=unique_slug(Deal, new_deal.title, 300),
            target=companies.get(new_deal.target),
            seller=companies.get(new_deal.seller) if new_deal.seller else None,
            deal_type=new_deal.deal_type,
            status=new_deal.status,
            countries=new_deal.countries,  # type: ignore[misc]  # django-countries: a list
            announced_on=new_deal.announced_on,
        )
        deal.full_clean()
        deal.save()
        reported.append(deal)
    parties = {company.pk: company for company in (deal.target, deal.seller) if company}

    story = Article(
        title=article.title,
        slug=unique_slug(Article, article.title, 300),
        url=article.url,
        source=source,
        language=article.language,
        published_on=article.published_on,
        author=article.author,
        summary=article.summary,
    )
    story.full_clean()
    story.save()

    for data in bids:
        bid = Bid(
            deal=deal,
            status=data.status,
            amount=data.amount,
            currency=data.currency,
            submitted_on=data.submitted_on,
            countries=data.countries,  # type: ignore[misc]  # django-countries: a list
            note=data.note,
        )
        bid.full_clean()
        bid.save()
        bidders = [companies.get(name) for name in data.bidders]
        bid.bidders.set(bidders)
        parties.update((company.pk, company) for company in bidders)
        if data.cites_article:
            bid.sources.add(story)
            reported.append(bid)

    authorities = _Authorities()
    for reviewed in reviews or []:
        review = Review(
            deal=deal,
            authority=authorities.get(reviewed.authority),
            status=reviewed.status,
            kind=reviewed.kind,
            phase=reviewed.phase,
            case_reference=reviewed.case_reference,
            opened_on=reviewed.opened_on,
            phase_started_on=reviewed.phase_started_on,
            decided_on=reviewed.decided_on,
            note=reviewed.note,
        )
        review.full_clean()
        review.save()
        if reviewed.cites_article:
            review.sources.add(story)

    for deadline in deadlines:
        _record_deadline(deal, deadline, story)
    for extension in extensions:
        _extend_deadline(deal, extension, story)

    story.deals.add(deal)
    story.companies.add(*parties.values())
    # The new records' statuses, dated by their own dates (status_history),
    # are sourced to this story.
    for record in reported:
        record.status_periods.filter(is_current=True).update(source=story)
    return StoryResult(
        article=story,
        deal=deal,
        created_companies=companies.created,
        created_source=created_source,
        created_authorities=authorities.created,
    )


def _record_deadline(deal: Deal, data: DeadlineData, story: Article) -> None:
    successor = None
    if data.extended_to is not None:
        successor = Deadline(
            deal=deal,
            label=data.extended_label or data.label,
            kind=data.kind,
            due_on=data.extended_to,
            set_by=data.set_by,
            status=Deadline.Status.PENDING,
        )
        successor.full_clean()
        successor.save()
    deadline = Deadline(
        deal=deal,
        label=data.label,
        kind=data.kind,
        due_on=data.due_on,
        set_by=data.set_by,
        note=data.note,
        status=Deadline.Status.EXTENDED if successor else data.status,
        extended_to=successor,
    )
    deadline.full_clean()
    deadline.save()
    for saved in (deadline, successor):
        if saved is not None and data.cites_article:
            saved.sources.add(story)


def _extend_deadline(deal: Deal, data: ExtensionData, story: Article) -> None:
    """Extend a pending deadline of ``deal``: its successor is created, and
    it is marked extended to it. Refused if it is no longer pending (read
    under a lock, as the curator's page may be old)."""
    deadline = Deadline.objects.select_for_update().filter(pk=data.deadline.pk, deal=deal).first()
    if deadline is None or deadline.status != Deadline.Status.PENDING:
        raise ValidationError(
            gettext("The deadline “%(label)s” is no longer pending: nothing was saved.")
            % {"label": data.deadline.label}
        )
    successor = Deadline(
        deal=deal,
        label=data.label or deadline.label,
        kind=deadline.kind,
        due_on=data.due_on,
        set_by=deadline.set_by,
        status=Deadline.Status.PENDING,
    )
    successor.full_clean()
    successor.save()
    deadline.status = Deadline.Status.EXTENDED
    deadline.extended_to = successor
    deadline.full_clean()
    deadline.save()
    if data.cites_article:
        for saved in (deadline, successor):
            saved.sources.add(story)

"""Reading the past versions django-simple-history keeps, so that restoring
one brings back all of it (issue 13, finding 7): its many-to-many links
(bidders, sources, an article's deals and companies), and for a deleted
deal what was deleted with it.

Two facts of how history is recorded shape this:

- A deletion's own record is written once its links are gone, so it lists
  none: a deleted record's links are those of the version before.
- A deal's bids and deadlines are deleted with it, each with a record of
  its own; stamp_deletion gives every record of one delete() the same date,
  which is how a deal's restore finds them (deletions before this change
  were not stamped, and their parts are not found).
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import Article, Bid, Deadline, Deal


def stamp_deletion(sender, instance, origin=None, **kwargs) -> None:
    """pre_delete receiver: the records one delete() removes (a deal, its
    bids and deadlines; or a whole selection) share one history date."""
    if origin is None:
        return
    if getattr(origin, "_deleted_at", None) is None:
        origin._deleted_at = timezone.now()
    instance._history_date = origin._deleted_at


def unstamp_deletion(sender, instance, **kwargs) -> None:
    """post_delete receiver, after the history's: the date must not stick to
    the instance, should it be saved again."""
    instance.__dict__.pop("_history_date", None)


def links_as_of(record) -> dict[str, list[int]]:
    """The many-to-many links of a past version, by field name, to records
    that still exist (a link to a deleted article cannot come back)."""
    if record.history_type == "-":
        record = record.prev_record or record
    links = {}
    for m2m in record._history_m2m_fields:
        target = f"{m2m.m2m_reverse_field_name()}_id"
        ids = getattr(record, m2m.name).values_list(target, flat=True)
        links[m2m.name] = list(
            m2m.related_model._default_manager.filter(pk__in=ids).values_list("pk", flat=True)
        )
    return links


@dataclass
class DeletedParts:
    """What was deleted with a deal, and can come back with it."""

    bids: list = field(default_factory=list)  # their deletion's records
    deadlines: list = field(default_factory=list)
    articles: list[int] = field(default_factory=list)  # those that named the deal

    def __bool__(self):
        return bool(self.bids or self.deadlines or self.articles)


def deleted_with(deal_pk: int) -> DeletedParts:
    """What the last deletion of the deal took with it and is not back yet:
    its bids and deadlines (records deleted at the same instant), and the
    articles whose latest version still names it. Four queries."""
    deletion = Deal.history.filter(id=deal_pk, history_type="-").order_by("-history_date").first()
    if deletion is None:
        return DeletedParts()
    same_deletion = {"deal_id": deal_pk, "history_type": "-", "history_date": deletion.history_date}
    # An article's links to deals, as each of its versions had them.
    article_deals = Article.history.model.deals.model._default_manager
    latest_version = (
        Article.history.filter(id=OuterRef("history__id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    still_named_by = article_deals.filter(
        deal_id=deal_pk, history_id=Subquery(latest_version)
    ).values("history__id")
    return DeletedParts(
        bids=list(
            Bid.history.filter(**same_deletion).exclude(
                id__in=Bid.objects.filter(deal_id=deal_pk).values("pk")
            )
        ),
        deadlines=list(
            Deadline.history.filter(**same_deletion).exclude(
                id__in=Deadline.objects.filter(deal_id=deal_pk).values("pk")
            )
        ),
        articles=list(
            Article.objects.filter(pk__in=still_named_by)
            .exclude(deals=deal_pk)
            .values_list("pk", flat=True)
        ),
    )

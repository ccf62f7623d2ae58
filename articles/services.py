"""Writes that touch several kinds of record at once."""

from django.db import transaction
from django.utils import timezone

from .history import DeletedParts, links_as_of
from .models import Article, Deadline, Deal


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

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Deal news")

    def ready(self):
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_migrate,
            post_save,
            pre_delete,
        )

        from .edit_conflicts import touch_deal, touch_deal_of_record, touch_deal_of_suspension
        from .freshness import ensure_triggers
        from .history import stamp_deletion, unstamp_deletion
        from .models import Bid, Deadline, Deal, Review, ReviewSuspension

        # The cached pages and figures need no signal: the database moves the
        # archive's version on every write (articles.freshness). A migration
        # may rebuild a table without its trigger (SQLite) or add one.
        post_migrate.connect(ensure_triggers, sender=self, dispatch_uid="archive-triggers")

        # A bid, deadline or review belongs to its deal's version (edit conflicts).
        for model in (Bid, Deadline, Review):
            post_save.connect(touch_deal, sender=model, dispatch_uid=f"touch-{model}")
            post_delete.connect(touch_deal, sender=model, dispatch_uid=f"untouch-{model}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    touch_deal_of_record,
                    sender=field.remote_field.through,
                    dispatch_uid=f"touch-m2m-{model}-{field.name}",
                )

        for signal in (post_save, post_delete):
            signal.connect(
                touch_deal_of_suspension,
                sender=ReviewSuspension,
                dispatch_uid=f"touch-suspension-{signal}",
            )
        # Each status change of a deal, bid or review closes one dated period
        # and opens the next (issue 16).
        from .status_history import keep_in_step

        for dated in (Deal, Bid, Review):
            post_save.connect(keep_in_step, sender=dated, dispatch_uid=f"status-periods-{dated}")

        # A deal and the bids and deadlines deleted with it share the date of
        # their deletion in the history: restoring the deal finds them by it.
        for deleted in (Deal, Bid, Deadline):
            pre_delete.connect(stamp_deletion, sender=deleted, dispatch_uid=f"stamp-{deleted}")
            post_delete.connect(unstamp_deletion, sender=deleted, dispatch_uid=f"unstamp-{deleted}")

        # After a save, the pages readers ask for most are made again in the
        # background before anyone asks (issue 15).
        from .models import Article, Company
        from .page_rebuild import bidders_changed, record_saved

        for saved in (Deal, Bid, Deadline, Review, Company, Article):
            for signal in (post_save, post_delete):
                signal.connect(record_saved, sender=saved, dispatch_uid=f"rebuild-{saved}-{signal}")
        m2m_changed.connect(
            bidders_changed, sender=Bid.bidders.through, dispatch_uid="rebuild-bidders"
        )

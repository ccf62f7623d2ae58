from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Deal news")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from .edit_conflicts import touch_deal, touch_deal_of_record
        from .freshness import bump_archive_version
        from .history import stamp_deletion, unstamp_deletion
        from .models import Article, Bid, Company, Deadline, Deal, Source

        # Any change to a curated record makes cached counts and lists stale.
        for model in (Source, Company, Deal, Bid, Deadline, Article):
            post_save.connect(bump_archive_version, sender=model, dispatch_uid=f"bump-{model}")
            post_delete.connect(bump_archive_version, sender=model, dispatch_uid=f"del-{model}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    bump_archive_version,
                    sender=field.remote_field.through,
                    dispatch_uid=f"m2m-{model}-{field.name}",
                )

        # A bid or deadline belongs to its deal's version (edit conflicts).
        for model in (Bid, Deadline):
            post_save.connect(touch_deal, sender=model, dispatch_uid=f"touch-{model}")
            post_delete.connect(touch_deal, sender=model, dispatch_uid=f"untouch-{model}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    touch_deal_of_record,
                    sender=field.remote_field.through,
                    dispatch_uid=f"touch-m2m-{model}-{field.name}",
                )

        # A deal and the bids and deadlines deleted with it share the date of
        # their deletion in the history: restoring the deal finds them by it.
        for model in (Deal, Bid, Deadline):
            pre_delete.connect(stamp_deletion, sender=model, dispatch_uid=f"stamp-{model}")
            post_delete.connect(unstamp_deletion, sender=model, dispatch_uid=f"unstamp-{model}")

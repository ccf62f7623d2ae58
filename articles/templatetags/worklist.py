from django import template
from django.utils import timezone

from articles import worklist as worklist_module

register = template.Library()


@register.simple_tag(takes_context=True)
def worklist(context) -> list[worklist_module.Item]:
    """The curators' worklist for the admin's index (one count per item)."""
    return worklist_module.items(context["request"].user, timezone.localdate())

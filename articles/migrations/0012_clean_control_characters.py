"""Cleans the curated text already stored of the characters XML 1.0 cannot
carry (issue 13, finding 2), before migration 0012 forbids them: the records,
their history and the admin's log, whose names and messages repeat the
records' text. One backup failed for good on a single vertical tab.

Frozen here, not imported: what articles.text said when this was written.
A vertical tab or a form feed becomes a line break in multi-line text and a
space in one-line text; the other characters are dropped.
"""

import functools
import json
import re

from django.db import migrations, models

FORBIDDEN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_FORBIDDEN = re.compile(FORBIDDEN)
_BREAKS = re.compile(r"[\x0b\x0c]")

# The curated models and their free-text fields (their history has the same).
TEXT_FIELDS = {
    "Source": ["name", "slug", "homepage"],
    "Company": ["name", "slug", "website", "description"],
    "Deal": ["title", "slug", "summary"],
    "Bid": ["note"],
    "Deadline": ["label", "set_by", "note"],
    "Article": ["title", "slug", "url", "author", "summary"],
}


def clean_text(text, *, multiline):
    return _FORBIDDEN.sub("", _BREAKS.sub("\n" if multiline else " ", text))


def _clean_strings(value):
    """Every string inside a decoded JSON value, cleaned."""
    if isinstance(value, str):
        return clean_text(value, multiline=False)
    if isinstance(value, list):
        return [_clean_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean_strings(item) for key, item in value.items()}
    return value


def _text(model, field_names):
    """A cleaner for each field: multi-line text keeps its line breaks."""
    return {
        name: functools.partial(
            clean_text, multiline=isinstance(model._meta.get_field(name), models.TextField)
        )
        for name in field_names
    }


def _clean_rows(model, cleaners, also=models.Q()):
    """Rewrite the rows of ``model`` whose fields (the keys of ``cleaners``)
    hold a forbidden character, or that match ``also``."""
    found = also
    for name in cleaners:
        found |= models.Q(**{f"{name}__regex": FORBIDDEN})
    # Few rows: read before writing, rather than writing under an open cursor.
    rows = list(model._base_manager.filter(found).values_list("pk", *cleaners))
    for pk, *values in rows:
        changes = {
            name: clean(value)
            for (name, clean), value in zip(cleaners.items(), values, strict=True)
            if value is not None and clean(value) != value
        }
        if changes:
            model._base_manager.filter(pk=pk).update(**changes)


def _clean_change_message(message):
    # The admin stores a JSON list, where a control character is escaped
    # ("\u000b"); older messages are plain text.
    try:
        decoded = json.loads(message)
    except ValueError:
        return clean_text(message, multiline=True)
    cleaned = _clean_strings(decoded)
    return message if cleaned == decoded else json.dumps(cleaned)


def clean_stored_text(apps, schema_editor):
    for name, fields in TEXT_FIELDS.items():
        curated = apps.get_model("articles", name)
        history = apps.get_model("articles", f"Historical{name}")
        _clean_rows(curated, _text(curated, fields))
        _clean_rows(history, _text(history, [*fields, "history_change_reason"]))
    _clean_rows(
        apps.get_model("admin", "LogEntry"),
        {
            "object_repr": functools.partial(clean_text, multiline=False),
            "change_message": _clean_change_message,
        },
        # Candidates only: most are JSON escapes of accented letters, left as they are.
        also=models.Q(change_message__contains="\\u00"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("articles", "0011_archive_state"),
    ]

    operations = [
        migrations.RunPython(clean_stored_text, migrations.RunPython.noop, elidable=True),
    ]

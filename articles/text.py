"""Curated text holds only characters XML 1.0 can carry: the backups are XML,
and so are the feeds, and either fails on one vertical tab (issue 13,
finding 2). Text pasted from a word processor carries one for each line break
typed with Shift+Enter, and a form feed for a page break.

The admin's forms clean what a curator pastes (clean_text); the models refuse
the rest, by a validator and a database constraint on each text field (both
read FORBIDDEN); feeds strip what might still get through (strip_forbidden).
"""

import re

# Every C0 control character but tab, line feed and carriage return, and the
# two non-characters U+FFFE and U+FFFF: what XML 1.0 cannot carry. Written so
# that Python's regular expressions (SQLite's REGEXP, under Django) and
# PostgreSQL's read it alike.
FORBIDDEN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"

_FORBIDDEN = re.compile(FORBIDDEN)
_BREAKS = re.compile(r"[\x0b\x0c]")


def clean_text(text: str, *, multiline: bool) -> str:
    """``text`` with each vertical tab or form feed made a line break (a space
    in one-line text), and the other forbidden characters dropped."""
    return strip_forbidden(_BREAKS.sub("\n" if multiline else " ", text))


def strip_forbidden(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return _FORBIDDEN.sub("", text)

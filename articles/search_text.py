"""What a reader types to search, read one way for every search: the words
of the deal list (q=, also read by its feeds and exports) and /search/.

The syntax is PostgreSQL's web-search syntax (websearch_to_tsquery): words,
"quoted phrases", a minus before a word or phrase to leave it out, and "or"
between two of them. PostgreSQL's parser keeps each operator that waits for
its operand on a stack of 32, and fails ("tsquery stack too small", a server
error) beyond: on PostgreSQL 15, 32 minus signs in a row before a word parse
and 33 fail; after "a or b", whose "or" and implied "and" wait too, 30 parse
and 31 fail. Spaces, or the characters the parser skips (``! & | ( ) <``),
between the minus signs do not break the run: ``---…x``, ``- - -…x`` and
``-!-!…x`` alike. So every search is first rewritten by ``normalise()`` into
a plain form that the parser reads as ``terms()`` does:

- control and format characters, every kind of space and backslashes (the
  parser's escape) become plain spaces (``_plain``);
- a run of minus signs, whatever lies between them, is one minus, and at
  most one minus stands before each word or phrase;
- "or" between two terms is one "or" however often it is repeated, and is
  dropped where nothing follows it;
- empty phrases are dropped, and only the first MAX_TERMS terms are kept.

In that form PostgreSQL's stack holds at most three operators (an "or", an
implied "and", a minus), far from its limit, and SQLite's substring search
(parse_terms) reads the very same words, phrases and exclusions.

Should PostgreSQL still refuse a search, ``parsed()`` and ``check_readable()``
turn its error into a message for the reader instead of a server error.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django import forms
from django.db import DatabaseError, connections, transaction
from django.utils.translation import gettext_lazy as _

from . import dialect

# The English configuration with accents folded, created by migration 0003:
# deals and companies are searched with it.
SEARCH_CONFIG = "dealwatch_english"

# Enough for any search a reader types; each term is a condition on the
# archive, so a few more would only slow the search down.
MAX_TERMS = 32

UNREADABLE = _(
    "This search could not be read: use fewer signs such as minus signs, "
    "quotes and “or”, and try again."
)

# What the parser reads between terms: spaces, and the characters it skips
# there (backslash is its escape character, turned into a space first).
_TOKEN = re.compile(
    r"""
      (?P<space>[\s!&|()<]+)
    | (?P<minus>-+)
    | "(?P<phrase>[^"]*)"?      # to the closing quote, or the end
    | (?P<word>[^\s"!&|()<]+)   # may hold a minus, but never starts with one
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Term:
    """A word or "quoted phrase", left out with a minus, and joined to the
    term before it by "or" rather than "and"."""

    text: str
    phrase: bool = False
    excluded: bool = False
    either: bool = False

    def __str__(self) -> str:
        text = f'"{self.text}"' if self.phrase else self.text
        return ("or " if self.either else "") + ("-" if self.excluded else "") + text


def _plain(text: str) -> str:
    """``text`` with every character Python would not print (control,
    format, private-use and unassigned characters, every kind of space but
    the plain one) and backslashes (the parser's escape) turned into plain
    spaces. PostgreSQL skips some of those as it skips spaces (which ones
    depends on the C library): a minus sign can never hide behind one."""
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(char if char.isprintable() and char != "\\" else " " for char in text)


def terms(text: str) -> list[Term]:
    """The terms of ``text`` (at most MAX_TERMS), read as PostgreSQL reads
    them once normalised (see the module's docstring)."""
    found: list[Term] = []
    minus = either = False
    for match in _TOKEN.finditer(_plain(text)):
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind == "minus":
            minus = True
            continue
        if kind == "phrase":
            value = " ".join(match["phrase"].split())
        else:
            value = match["word"]
            if value.lower() == "or" and found and not minus:
                either = True  # an operator between two terms, however repeated
                continue
        if value:
            found.append(Term(value, phrase=kind == "phrase", excluded=minus, either=either))
            if len(found) == MAX_TERMS:
                break
            either = False
        minus = False  # spent, or its phrase was empty
    return found


def normalise(text: str) -> str:
    """``text`` in the form every search reads (see the module's docstring):
    the same terms, each operator once. Normalising twice changes nothing."""
    return " ".join(map(str, terms(text)))


def parse_terms(text: str) -> tuple[list[str], list[str]]:
    """The words and "quoted phrases" of ``text`` that must appear, and
    those after a minus that must not ("or" is read as "and" here)."""
    found = terms(text)
    return (
        [term.text for term in found if not term.excluded],
        [term.text for term in found if term.excluded],
    )


class UnreadableSearch(Exception):
    """PostgreSQL's parser refused the words of a search."""


def _refused_by_parser(error: DatabaseError) -> bool:
    # Every error of PostgreSQL's tsquery parser names the tsquery, which
    # tells them apart from any other error of the same statement.
    diag = getattr(error.__cause__, "diag", None)
    return "tsquery" in (getattr(diag, "message_primary", None) or "")


@contextmanager
def parsed(using: str) -> Iterator[None]:
    """Runs a block that searches on database ``using``, and raises
    UnreadableSearch if PostgreSQL's parser refuses the search's words.
    Within a transaction the block runs in a savepoint, as a refused
    statement would leave the transaction unusable; outside one (autocommit,
    as a page is read) nothing needs undoing."""
    connection = connections[using]
    if not dialect.of(using).full_text_search:
        yield
        return
    try:
        with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
            yield
    except DatabaseError as error:
        if not _refused_by_parser(error):
            raise
        raise UnreadableSearch from error


def check_readable(
    form: forms.Form, *, using: str, field: str = "q", config: str = SEARCH_CONFIG
) -> bool:
    """Whether PostgreSQL reads the words in a valid ``form``'s ``field`` (as
    the deal list's search hands them over); if it does not, the field gets
    an error saying so. For a response that must know before it starts: a
    streamed export can no longer turn into a 400. One short query when
    there are words, on PostgreSQL only."""
    text = normalise(form.cleaned_data.get(field) or "")
    if not text or not dialect.of(using).full_text_search:
        return True
    try:
        with parsed(using), connections[using].cursor() as cursor:
            cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)", [config, text])
    except UnreadableSearch:
        form.add_error(field, str(UNREADABLE))
        return False
    return True

"""Companies named by typing: the one a typed name means, or the near
namesakes to ask about before a new company is created ("did you mean
ByteDance?" for "Bytedance Ltd.").

Two names are near when they differ only by case, accents, punctuation or a
legal form (Ltd, Inc, SA...), or, on PostgreSQL, when their trigrams are
similar (pg_trgm, whose index on company names migration 0004 created).
"""

import re
import unicodedata

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Upper

from . import dialect, freshness
from .models import Company

LEGAL_FORMS = frozenset(
    {
        "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "company",
        "llc", "llp", "lp", "plc", "sa", "sas", "sarl", "sca", "se", "spa", "srl", "ag",
        "gmbh", "kg", "nv", "bv", "ab", "as", "asa", "oy", "oyj", "kk", "pte", "pty",
        "holding", "holdings", "group",
    }
)  # fmt: skip
# Trigram similarity above which a name is worth asking about.
SIMILARITY = 0.45


def comparable(name: str) -> str:
    """``name`` reduced to what tells companies apart: "ByteDance Ltd." and
    "Bytedance" give "bytedance"."""
    return "".join(_words(name))


def _words(name: str) -> list[str]:
    """The words of ``name`` in lower case without accents, less a trailing
    legal form."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"[a-z0-9]+", plain.replace("&", " and "))
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    return words


def split_names(text: str) -> list[str]:
    """The names in "Microsoft, Walmart" (commas or semicolons between them);
    a legal form after a comma stays with its name ("Sony Group, Inc.")."""
    names: list[str] = []
    for piece in re.split(r"[;,]", text):
        piece = piece.strip()
        if not piece:
            continue
        if names and piece.strip(".").lower() in LEGAL_FORMS:
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return list(dict.fromkeys(names))


def exact(name: str) -> Company | None:
    """The company named exactly ``name`` (the first made, among namesakes).
    A name differing only by case is a near name: it is asked about, not
    taken ("bytedance" may be a typo, or another company)."""
    return Company.objects.filter(name=name.strip()).order_by("pk").first()


def near(name: str, limit: int = 3) -> list[Company]:
    """Companies whose names are close to ``name`` (see the module)."""
    key = comparable(name)
    if not key:
        return []
    if dialect.of(connection.alias).is_reference:
        found: list[Company] = list(
            Company.objects.annotate(similarity=TrigramSimilarity(Upper("name"), name.upper()))
            .filter(similarity__gte=SIMILARITY)
            .order_by("-similarity", "name")[:20]
        )
    else:
        # Candidates sharing the start of a word, without accents (SQLite's
        # LIKE folds only ASCII case), then compared whole.
        words = [word for word in _words(name) if len(word) >= 3] or [key]
        query = Q()
        for word in words:
            query |= Q(name__icontains=word[:4])
        found = list(Company.objects.filter(query).order_by("name")[:200])
        found = [company for company in found if comparable(company.name) == key]
    same = [company for company in found if comparable(company.name) == key]
    others = [company for company in found if company not in same]
    return (same + others)[:limit]


def likely_duplicates() -> frozenset[int]:
    """The ids of the companies that another company's name is near (see the
    module), kept for the archive's version. Reads every company's name
    once (one query), plus, on PostgreSQL, one query of trigram neighbours
    through the index on names."""
    return freshness.cached("companies", "likely_duplicates", _likely_duplicates)


def _likely_duplicates() -> frozenset[int]:
    by_key: dict[str, list[int]] = {}
    for pk, name in Company.objects.values_list("pk", "name").iterator(chunk_size=5000):
        by_key.setdefault(comparable(name), []).append(pk)
    found = {pk for pks in by_key.values() if len(pks) > 1 for pk in pks}
    if dialect.of(connection.alias).is_reference:
        named = Company.objects.annotate(upper_name=Upper("name"))
        neighbours = (
            named.exclude(pk=OuterRef("pk"))
            # trigram_similar (%) finds candidates through the trigram index
            # at pg_trgm's threshold, 0.3; SIMILARITY then keeps the close ones.
            .filter(upper_name__trigram_similar=OuterRef("upper_name"))
            .annotate(
                similarity=TrigramSimilarity(
                    "upper_name",
                    OuterRef("upper_name"),  # type: ignore[arg-type]  # any expression works
                )
            )
            .filter(similarity__gte=SIMILARITY)
        )
        found.update(named.filter(Exists(neighbours)).values_list("pk", flat=True))
    return frozenset(found)

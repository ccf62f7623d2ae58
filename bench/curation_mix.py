"""The curation mix (issue 15): what readers get while a curator works.

For a fixed time, readers request pages at a steady rate, drawn from a
realistic popularity (a few pages very often, the long tail rarely: Zipf's
law over the site's pages in both languages), through gunicorn; meanwhile a
curator saves one of the most read deals every few seconds (a new title, put
back at the end). It reports the readers' latency (from the moment each
request was due, so a server falling behind shows in it), the share served
kept, and the share served from before a change while one request makes
the page again (a page's ``Server-Timing`` says which), and the staleness: after each
save, how long readers were still shown the title it replaced, on the deal's
page and the deal list that shows it, in either language.
"""

import html
import http.client
import math
import random
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from typing import cast

from django.urls import reverse
from django.utils.html import escape

from articles.filters import DealFilterSet
from articles.freshness import KEPT_TIMING, STALE_TIMING
from articles.models import Company, Deal

from .benchmark import gunicorn, percentile

# The deals a curator saves: among the newest, those on the list's first page.
SAVED_AMONG = 20
WARMED = 40
ZIPF_EXPONENT = 1.1
LANGUAGE_PREFIXES = ("", "/fr")


def reader_pages(rng: random.Random, deals: int = 100, companies: int = 50) -> list[str]:
    """The pages readers ask for, the most read first: the home page and the
    lists, then the newest deals' pages and their companies', in both
    languages, in an order shuffled by ``rng`` past the first few."""
    first = ["/", "/deals/", "/deals/?status=pending_approval", "/deadlines/", "/articles/"]
    newest = newest_deals()
    pages = [reverse("articles:deal_detail", args=[slug]) for slug in
             newest.values_list("slug", flat=True)[:deals]]  # fmt: skip
    parties = Company.objects.filter(deals_as_target__in=newest[:companies]).distinct()
    pages += [reverse("articles:company_detail", args=[slug]) for slug in
              parties.values_list("slug", flat=True)[:companies]]  # fmt: skip
    pages += ["/companies/", "/authorities/", "/search/?q=rachat"]
    rng.shuffle(pages)
    ordered = [*first, *pages]
    return [prefix + page for page in ordered for prefix in LANGUAGE_PREFIXES]


def newest_deals():
    """The deals in the deal list's own order (its first page first)."""
    # mypy types this class attribute as an object.
    ordering = cast(list, DealFilterSet.orderings[DealFilterSet.default_sort])
    return Deal.objects.order_by(*ordering)


def zipf_weights(count: int) -> list[float]:
    return [1 / rank**ZIPF_EXPONENT for rank in range(1, count + 1)]


@dataclass
class Save:
    """One save by the curator: the deal, when it was committed, and the
    title it replaced (a reader still shown it after that was served stale)."""

    deal_id: int
    pages: tuple[str, ...]
    saved_at: float
    title: str  # to put back
    old_shown: str
    new_shown: str
    last_stale_at: float | None = None
    first_fresh_at: float | None = None
    responses: int = 0  # to requests sent after the save, on a page showing it


def run_curation_mix(
    seconds: float = 60,
    rate: float = 20,
    save_every: float = 10,
    workers: int = 2,
    readers: int = 8,
    seed: int = 1,
) -> dict:
    rng = random.Random(seed)
    pages = reader_pages(rng)
    weights = zipf_weights(len(pages))
    arrivals = int(seconds * rate)
    chosen = rng.choices(pages, weights=weights, k=arrivals)
    candidates = list(newest_deals().values_list("pk", "slug", "title")[:SAVED_AMONG])
    rng.shuffle(candidates)
    saves: list[Save] = []
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    served: Counter[str] = Counter()  # kept, stale (from before a change), made
    lock = threading.Lock()

    with gunicorn(workers, with_tasks=True) as base:
        # Warm: the most read pages once, as readers had asked for them before.
        for page in pages[:WARMED]:
            _fetch(base + page)
        started = time.monotonic()

        def reader(offset: int) -> None:
            for n in range(offset, arrivals, readers):
                due = started + n / rate
                time.sleep(max(0.0, due - time.monotonic()))
                sent = time.monotonic()
                outcome, body, how = _fetch(base + chosen[n])
                done = time.monotonic()
                with lock:
                    latencies.append((done - due) * 1000)
                    outcomes[outcome] += 1
                    served[how] += 1
                    for save in saves:
                        if chosen[n] in save.pages and sent > save.saved_at:
                            _judge(save, body, sent)

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
        for thread in threads:
            thread.start()
        try:
            for number, (pk, slug, title) in enumerate(candidates):
                due = started + (number + 1) * save_every
                if due >= started + seconds:
                    break
                time.sleep(max(0.0, due - time.monotonic()))
                save = _planned_save(pk, slug, title, number)
                with lock:  # before the write: its title is put back whatever happens
                    saves.append(save)
                _write(save)
                with lock:
                    save.saved_at = time.monotonic()
        finally:
            for thread in threads:
                thread.join()
            for save in saves:  # put the titles back
                deal = Deal.objects.get(pk=save.deal_id)
                deal.title = save.title
                deal.save()
    total = sum(outcomes.values())
    errors = {k: v for k, v in outcomes.items() if not (k.isdigit() and int(k) < 400)}
    # Per save, None when no reader asked for a page that shows it afterwards.
    stale_ms = [
        round(((s.last_stale_at or s.saved_at) - s.saved_at) * 1000, 1) if s.responses else None
        for s in saves
    ]
    fresh_ms = [
        round((s.first_fresh_at - s.saved_at) * 1000, 1) if s.first_fresh_at else None
        for s in saves
    ]
    return {
        "seconds": seconds,
        "rate": rate,
        "readers": readers,
        "gunicorn_workers": workers,
        "pages": len(pages),
        "requests": total,
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "kept_share": round(served["kept"] / total, 3) if total else None,
        "stale_share": round(served["stale"] / total, 3) if total else None,
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        "saves": len(saves),
        "staleness_ms": max((ms for ms in stale_ms if ms is not None), default=None),
        "responses_judged_per_save": [s.responses for s in saves],
        "stale_ms_per_save": stale_ms,
        "first_fresh_ms_per_save": fresh_ms,
    }


def _planned_save(pk: int, slug: str, title: str, number: int) -> Save:
    detail = reverse("articles:deal_detail", args=[slug])
    shown_on = tuple(prefix + page for page in (detail, "/deals/") for prefix in LANGUAGE_PREFIXES)
    new_title = f"{title} (revised {number + 1})"
    # As the pages show them, escaped; judged once written (saved_at).
    return Save(pk, shown_on, math.inf, title, escape(title), escape(new_title))


def _write(save: Save) -> None:
    """The curator's save: the deal's title changed through the ORM, as the
    admin does it (the version, history and status machinery all run)."""
    deal = Deal.objects.get(pk=save.deal_id)
    deal.title = html.unescape(save.new_shown)
    deal.save()


def _judge(save: Save, body: str, sent: float) -> None:
    """A response to a request sent after the save: stale if it shows the
    old title and not the new one."""
    save.responses += 1
    if save.new_shown in body:
        if save.first_fresh_at is None or sent < save.first_fresh_at:
            save.first_fresh_at = sent
    elif save.old_shown in body:
        save.last_stale_at = max(sent, save.last_stale_at or sent)


SERVED_AS = {KEPT_TIMING: "kept", STALE_TIMING: "stale"}


def _fetch(url: str) -> tuple[str, str, str]:
    """(status or error, body, how it was served: kept, stale or made)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read().decode("utf-8", "replace")
            how = SERVED_AS.get(response.headers.get("Server-Timing"), "made")
            return str(response.status), body, how
    except urllib.error.HTTPError as error:
        return str(error.code), "", "made"
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        return type(getattr(error, "reason", error)).__name__, "", "made"


def describe(mix: dict) -> str:
    errors = ", ".join(f"{n} × {kind}" for kind, n in mix["error_kinds"].items())
    kept = "no" if mix["kept_share"] is None else f"{mix['kept_share']:.1%}"
    stale = "none" if not mix.get("stale_share") else f"{mix['stale_share']:.1%}"
    return "\n".join(
        [
            f"\nCuration mix ({mix['seconds']:g} s, {mix['rate']:g} requests/s over "
            f"{mix['pages']} pages by Zipf's law, {mix['readers']} readers, "
            f"{mix['gunicorn_workers']} gunicorn workers; a deal saved every few seconds): "
            f"{mix['requests']:,} requests, {mix['errors']} errors"
            + (f" ({errors})" if errors else ""),
            f"Readers: p50 {mix['median_ms']} ms, p95 {mix['p95_ms']} ms, p99 {mix['p99_ms']} ms "
            f"(from when each request was due); {kept} served kept, {stale} from before "
            "a change while it was made again",
            f"Staleness after {mix['saves']} saves: the old title was shown at most "
            f"{mix['staleness_ms']} ms after a save (per save: {mix['stale_ms_per_save']} ms, "
            f"None where no reader asked; responses judged: {mix['responses_judged_per_save']}); "
            f"the new one first {mix['first_fresh_ms_per_save']} ms after",
        ]
    )

"""Statutory decision dates of merger reviews, computed from each regime's
published clock (issue 16, "Timetables that compute themselves").

Pure: no model and no database. `statutory_decision()` takes what a Review
knows (its regime, its phase, the day the clock started, the flags that
lengthen the clock, the periods the clock was stopped) and returns a frozen
`Computed`: the date, how the days were counted, the rule applied with its
legal basis, and an explanation a reader can check by hand.

Regimes and phases, by code (`RULES` holds the rules themselves):

=========  ================  ==================================================
regime     phase             the clock, and what ``start`` is
=========  ================  ==================================================
eu         phase1            25 working days from notification (35 with
                             commitments or a referral request)
eu         phase2            90 working days from the opening of proceedings
                             (105 with late commitments; up to 20 more)
uk         phase1            40 working days from the CMA's confirmation that
                             the notice is complete (or the launch date)
uk         phase2            24 weeks from the reference (up to 8 more weeks)
us_hsr     initial           30 days from the filing (15 for a cash tender
                             offer or a bankruptcy sale)
us_hsr     second_request    30 days from substantial compliance (10 for a cash
                             tender offer or a bankruptcy sale)
cn_samr    phase1            30 days from SAMR's acceptance of the filing
cn_samr    phase2            90 days from the decision to review further (up
                             to 60 more: the extended phase)
us_cfius   declaration       30 days from the declaration's acceptance
us_cfius   review            45 days from the notice's acceptance
us_cfius   investigation     45 days from its start (15 more in extraordinary
                             circumstances)
us_cfius   president         15 days from the end of the investigation
=========  ================  ==================================================

Suspensions are ``(stopped_on, restarted_on)`` pairs: ``stopped_on`` is the
first day that does not count, ``restarted_on`` the first day that counts
again (None while the clock is still stopped). Under the EU rules the stop
begins on the working day after the event that causes it and ends with the
day its cause is removed (Regulation (EC) No 802/2004, Article 9), so record
``stopped_on`` as that working day and ``restarted_on`` as the day after.
"""

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

import holidays
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from holidays.groups import ChristianHolidays
from holidays.holiday_base import HolidayBase

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The longest clock is 125 working days (EU phase 2, late commitments and the
# full extension): a sixth of this. A longer count means a broken input.
_MAX_DAYS_COUNTED = 3000


class Unit(enum.StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"


class DayOne(enum.StrEnum):
    """Which day is the first of the period."""

    # "The period begins on the working day following ..." (EU, CMA phase 1).
    NEXT_WORKING_DAY = "next_working_day"
    # "The Nth day after ...": the day after the start is day 1 (HSR, SAMR, CFIUS).
    NEXT_DAY = "next_day"
    # "A period of N weeks beginning with the date of ...": the start is day 1 (CMA phase 2).
    START = "start"


class CommissionHolidays(HolidayBase, ChristianHolidays):
    """The European Commission's holidays in Brussels, where DG COMP works.

    The Commission adopts its list each year (Article 61 of the Staff
    Regulations) and publishes it in the Official Journal; its merger clock
    skips those days (Regulation (EC) No 802/2004, Article 24). `holidays`
    has no calendar of the EU institutions, and Belgium's public holidays
    (the nearest it offers) miss 2 January, Maundy Thursday, Good Friday,
    9 May, the day after Ascension, 2 November, 24 and 26 to 31 December,
    and add 11 November, which the Commission works. So the list is built
    here, on `holidays`' own base and Easter, from the pattern of the
    published decisions: it gives exactly the weekdays of those for 2014
    (OJ C 39, 12.2.2013) and 2023 (OJ C 201 I, 28.5.2021). The
    approximation: a year's decision may add a day the pattern does not
    foresee (the Commission keeps about 18 weekdays a year, and adds days
    when holidays fall on weekends), as the one for 2022 seems to have.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        ChristianHolidays.__init__(self)
        super().__init__(*args, **kwargs)

    def _populate_public_holidays(self) -> None:
        year = self._year
        easter: date = self._easter_sunday
        for day, name in (
            (date(year, 1, 1), "New Year's Day"),
            (date(year, 1, 2), "Day after New Year's Day"),
            (easter - timedelta(days=3), "Maundy Thursday"),
            (easter - timedelta(days=2), "Good Friday"),
            (easter + timedelta(days=1), "Easter Monday"),
            (date(year, 5, 1), "Labour Day"),
            (date(year, 5, 9), "Anniversary of the Schuman Declaration"),
            (easter + timedelta(days=39), "Ascension Day"),
            (easter + timedelta(days=40), "Day after Ascension Day"),
            (easter + timedelta(days=50), "Whit Monday"),
            (date(year, 7, 21), "Belgian National Day"),
            (date(year, 8, 15), "Assumption"),
            (date(year, 11, 1), "All Saints' Day"),
            (date(year, 11, 2), "All Souls' Day"),
            *((date(year, 12, day), "End of year") for day in range(24, 32)),
        ):
            self._add_holiday(name, day)


@cache
def _calendar(code: str) -> HolidayBase:
    """The holiday calendar named ``code`` (years are filled in on demand)."""
    match code:
        case "eu_commission":
            return CommissionHolidays()
        case "england_and_wales":
            # The CMA's working days skip the bank holidays of England and
            # Wales (Enterprise Act 2002, Part 3), which `holidays` gives as
            # England's: Wales has the same list, Good Friday and Christmas
            # Day included.
            return holidays.country_holidays("GB", subdiv="ENG")
        case "us_federal":
            # HSR: "legal public holidays" (5 U.S.C. 6103(a)) and the days
            # observed in their place when they fall on a weekend.
            return holidays.country_holidays("US")
        case "us_federal_closures":
            # CFIUS's business days also skip days declared holidays by
            # executive order (Christmas Eve 2019, 2020 and 2024; 9 January
            # 2025): `holidays`' "government" category lists those as well.
            return holidays.country_holidays("US", categories=(holidays.GOVERNMENT,))
    raise ValueError(code)


@dataclass(frozen=True)
class Variant:
    """A different length of the same clock, when a flag is set."""

    flag: str
    length: int
    reason: "StrOrPromise"


@dataclass(frozen=True)
class Rule:
    """One clock of one regime, with where it comes from."""

    regime: str
    phase: str
    title: "StrOrPromise"
    length: int
    unit: Unit
    day_one: DayOne
    legal_basis: "StrOrPromise"
    # The text of the law, where it has a stable address we are sure of.
    source_url: str | None
    # The holiday calendar that working days and business days skip.
    calendar: str | None = None
    # A period ending on a day that is not a business day runs to the next one.
    ends_on_business_day: bool = False
    variants: tuple[Variant, ...] = ()
    # How long, in the rule's unit, the clock may be extended by decision.
    max_extension: int = 0
    extension_basis: "StrOrPromise" = ""

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(variant.flag for variant in self.variants)


EUMR = "https://eur-lex.europa.eu/eli/reg/2004/139/oj"
ENTERPRISE_ACT = "https://www.legislation.gov.uk/ukpga/2002/40"
HSR_ACT = "https://www.law.cornell.edu/uscode/text/15/18a"
HSR_RULES = "https://www.law.cornell.edu/cfr/text/16/803.10"
SECTION_721 = "https://www.law.cornell.edu/uscode/text/50/4565"

_EU_PHASE1_LONGER = _("commitments were offered, or a Member State asked for a referral")
_HSR_TENDER = _("a cash tender offer or a bankruptcy sale (11 U.S.C. 363(b))")

RULES: tuple[Rule, ...] = (
    Rule(
        regime="eu",
        phase="phase1",
        title=_("European Commission, phase 1"),
        length=25,
        unit=Unit.WORKING_DAYS,
        day_one=DayOne.NEXT_WORKING_DAY,
        legal_basis=_(
            "Regulation (EC) No 139/2004, Article 10(1); working days and their "
            "start: Regulation (EC) No 802/2004, Articles 7 and 24"
        ),
        source_url=EUMR,
        calendar="eu_commission",
        variants=(
            Variant("remedies_offered", 35, _EU_PHASE1_LONGER),
            Variant("referral_requested", 35, _EU_PHASE1_LONGER),
        ),
    ),
    Rule(
        regime="eu",
        phase="phase2",
        title=_("European Commission, phase 2"),
        length=90,
        unit=Unit.WORKING_DAYS,
        day_one=DayOne.NEXT_WORKING_DAY,
        legal_basis=_("Regulation (EC) No 139/2004, Article 10(3)"),
        source_url=EUMR,
        calendar="eu_commission",
        variants=(
            Variant(
                "late_remedies",
                105,
                _("commitments were offered 55 working days or more after proceedings opened"),
            ),
        ),
        max_extension=20,
        extension_basis=_(
            "Regulation (EC) No 139/2004, Article 10(3), second subparagraph (at the "
            "parties' request or with their agreement; 20 working days in all)"
        ),
    ),
    Rule(
        regime="uk",
        phase="phase1",
        title=_("CMA, phase 1"),
        length=40,
        unit=Unit.WORKING_DAYS,
        day_one=DayOne.NEXT_WORKING_DAY,
        legal_basis=_("Enterprise Act 2002, section 34ZA(3)"),
        source_url=f"{ENTERPRISE_ACT}/section/34ZA",
        calendar="england_and_wales",
    ),
    Rule(
        regime="uk",
        phase="phase2",
        title=_("CMA, phase 2"),
        length=24,
        unit=Unit.WEEKS,
        day_one=DayOne.START,
        legal_basis=_("Enterprise Act 2002, section 39(1)"),
        source_url=f"{ENTERPRISE_ACT}/section/39",
        max_extension=8,
        extension_basis=_("Enterprise Act 2002, section 39(3) (special reasons; 8 weeks at most)"),
    ),
    Rule(
        regime="us_hsr",
        phase="initial",
        title=_("HSR initial waiting period"),
        length=30,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_("15 U.S.C. 18a(b)(1); 16 CFR 803.10(a) and (b)"),
        source_url=HSR_RULES,
        calendar="us_federal",
        ends_on_business_day=True,
        variants=(
            Variant("cash_tender", 15, _HSR_TENDER),
            Variant("bankruptcy_sale", 15, _HSR_TENDER),
        ),
    ),
    Rule(
        regime="us_hsr",
        phase="second_request",
        title=_("HSR waiting period after a second request"),
        length=30,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_("15 U.S.C. 18a(e)(2); 16 CFR 803.10(b)(2)"),
        source_url=HSR_ACT,
        calendar="us_federal",
        ends_on_business_day=True,
        variants=(
            Variant("cash_tender", 10, _HSR_TENDER),
            Variant("bankruptcy_sale", 10, _HSR_TENDER),
        ),
    ),
    Rule(
        regime="cn_samr",
        phase="phase1",
        title=_("SAMR, preliminary review"),
        length=30,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_(
            "Anti-Monopoly Law of the People's Republic of China (as amended in 2022), Article 30"
        ),
        source_url=None,
    ),
    Rule(
        regime="cn_samr",
        phase="phase2",
        title=_("SAMR, further review"),
        length=90,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_(
            "Anti-Monopoly Law of the People's Republic of China (as amended in 2022), Article 31"
        ),
        source_url=None,
        max_extension=60,
        extension_basis=_(
            "Anti-Monopoly Law of the People's Republic of China (as amended in 2022), "
            "Article 31, second paragraph (the extended phase: 60 days at most)"
        ),
    ),
    Rule(
        regime="us_cfius",
        phase="declaration",
        title=_("CFIUS, assessment of a declaration"),
        length=30,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_("50 U.S.C. 4565(b)(1)(C)(v); 31 CFR 800.405(b)"),
        source_url="https://www.law.cornell.edu/cfr/text/31/800.405",
        calendar="us_federal_closures",
        ends_on_business_day=True,
    ),
    Rule(
        regime="us_cfius",
        phase="review",
        title=_("CFIUS, review"),
        length=45,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_("50 U.S.C. 4565(b)(1)(E); 31 CFR 800.503(b)"),
        source_url="https://www.law.cornell.edu/cfr/text/31/800.503",
        calendar="us_federal_closures",
        ends_on_business_day=True,
    ),
    Rule(
        regime="us_cfius",
        phase="investigation",
        title=_("CFIUS, investigation"),
        length=45,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_("50 U.S.C. 4565(b)(2)(C)(i); 31 CFR 800.508(a)"),
        source_url=SECTION_721,
        calendar="us_federal_closures",
        ends_on_business_day=True,
        max_extension=15,
        extension_basis=_("50 U.S.C. 4565(b)(2)(C)(ii) (extraordinary circumstances; 15 days)"),
    ),
    Rule(
        regime="us_cfius",
        phase="president",
        title=_("President's decision on a CFIUS referral"),
        length=15,
        unit=Unit.CALENDAR_DAYS,
        day_one=DayOne.NEXT_DAY,
        legal_basis=_("50 U.S.C. 4565(d)(2)"),
        source_url=SECTION_721,
    ),
)

_RULES: dict[tuple[str, str], Rule] = {(rule.regime, rule.phase): rule for rule in RULES}

REGIMES: frozenset[str] = frozenset(rule.regime for rule in RULES)

# An authority's name or short name, lower-cased, to the regime whose clock it
# runs. The FTC and the DOJ's Antitrust Division share the HSR waiting periods.
AUTHORITY_REGIMES: Mapping[str, str] = {
    "european commission": "eu",
    "dg comp": "eu",
    "directorate-general for competition": "eu",
    "cma": "uk",
    "competition and markets authority": "uk",
    "ftc": "us_hsr",
    "federal trade commission": "us_hsr",
    "doj": "us_hsr",
    "department of justice": "us_hsr",
    "antitrust division": "us_hsr",
    "samr": "cn_samr",
    "state administration for market regulation": "cn_samr",
    "cfius": "us_cfius",
    "committee on foreign investment in the united states": "us_cfius",
}


def regime_for(authority: str) -> str | None:
    """The regime code of an authority named by its name or short name
    ("CMA", "DG COMP", "FTC"), or None if no clock is known for it."""
    return AUTHORITY_REGIMES.get(" ".join(authority.split()).lower())


class UnknownRule(ValueError):
    """No rule is known for this regime and phase."""


def rule_for(regime: str, phase: str) -> Rule:
    """The rule of ``phase`` in ``regime``; `UnknownRule` names the codes
    that exist if there is none."""
    try:
        return _RULES[(regime, phase)]
    except KeyError:
        if regime not in REGIMES:
            known = ", ".join(sorted(REGIMES))
            raise UnknownRule(f"unknown regime {regime!r} (known: {known})") from None
        phases = ", ".join(sorted(rule.phase for rule in RULES if rule.regime == regime))
        raise UnknownRule(
            f"unknown phase {phase!r} for regime {regime!r} (known: {phases})"
        ) from None


_format_date = lazy(date_format, str)


def _day(value: date) -> "StrOrPromise":
    return _format_date(value, "DATE_FORMAT")


_UNITS = {
    Unit.WORKING_DAYS: ngettext_lazy("%(count)d working day", "%(count)d working days", "count"),
    Unit.CALENDAR_DAYS: ngettext_lazy("%(count)d day", "%(count)d days", "count"),
    Unit.WEEKS: ngettext_lazy("%(count)d week", "%(count)d weeks", "count"),
}


def _units_text(unit: Unit, count: int) -> str:
    return str(_UNITS[unit] % {"count": count})


# ngettext_lazy's % translates at once: this waits until the text is read.
_units = lazy(_units_text, str)

_DAY_ONE = {
    DayOne.NEXT_WORKING_DAY: _("day 1 is the first working day after {start}"),
    DayOne.NEXT_DAY: _("day 1 is the day after {start}"),
    DayOne.START: _("day 1 is {start} itself"),
}


@dataclass(frozen=True)
class Computed:
    """A statutory decision date and how it was reached.

    ``decision_date`` is None while a suspension is still open: the date
    cannot be known until the clock restarts (``stopped_since`` says when it
    stopped)."""

    decision_date: date | None
    unit: Unit
    length: int
    rule: Rule
    steps: tuple["StrOrPromise", ...]
    stopped_since: date | None = None

    @property
    def counts_working_days(self) -> bool:
        return self.unit is Unit.WORKING_DAYS

    @property
    def explanation(self) -> "StrOrPromise":
        """Every step in one text, translated when it is read."""
        return format_lazy(" ".join("{}" for _step in self.steps), *self.steps)


def statutory_decision(
    regime: str,
    phase: str,
    start: date,
    *,
    suspensions: Sequence[tuple[date, date | None]] = (),
    extended_by: int = 0,
    **flags: bool,
) -> Computed:
    """The statutory decision date of ``phase`` in ``regime`` whose clock
    started on ``start`` (notification, opening of phase 2, reference,
    filing, substantial compliance, acceptance: see the module's table).

    ``extended_by`` is an extension decided under the rule, in its unit
    (working days, weeks or days); ``flags`` are the rule's variants
    (``remedies_offered``, ``referral_requested``, ``late_remedies``,
    ``cash_tender``, ``bankruptcy_sale``). Raises `UnknownRule` for an
    unknown regime or phase and ValueError for a flag the rule does not know,
    an extension beyond its maximum or a suspension that ends before it
    starts."""
    rule = rule_for(regime, phase)
    unknown = set(flags) - rule.flags
    if unknown:
        accepted = ", ".join(sorted(rule.flags)) or "none"
        raise ValueError(
            f"{regime}/{phase} takes no flag {', '.join(sorted(unknown))} (accepted: {accepted})"
        )
    if not 0 <= extended_by <= rule.max_extension:
        raise ValueError(
            f"{regime}/{phase} may be extended by 0 to {rule.max_extension}, not {extended_by}"
        )
    for stopped_on, restarted_on in suspensions:
        if restarted_on is not None and restarted_on < stopped_on:
            raise ValueError(
                f"a suspension restarts ({restarted_on}) before it stops ({stopped_on})"
            )

    steps: list[StrOrPromise] = [
        format_lazy(
            _("{title}: {count}, under {basis}; {day_one}."),
            title=rule.title,
            count=_units(rule.unit, rule.length),
            basis=rule.legal_basis,
            day_one=format_lazy(_DAY_ONE[rule.day_one], start=_day(start)),
        )
    ]
    length = rule.length
    for variant in rule.variants:
        if flags.get(variant.flag) and variant.length != length:
            length = variant.length
            steps.append(
                format_lazy(
                    _("{count} instead: {reason}."),
                    count=_units(rule.unit, length),
                    reason=variant.reason,
                )
            )
    if extended_by:
        length += extended_by
        steps.append(
            format_lazy(
                _("Extended by {count} under {basis}."),
                count=_units(rule.unit, extended_by),
                basis=rule.extension_basis,
            )
        )

    calendar = _calendar(rule.calendar) if rule.calendar else None
    end, stopped_since, skipped = _count(rule, length, start, calendar, suspensions)
    for stopped_on, restarted_on in skipped:
        if restarted_on is not None:
            steps.append(
                format_lazy(
                    _("The clock stopped on {stopped} and restarted on {restarted}."),
                    stopped=_day(stopped_on),
                    restarted=_day(restarted_on),
                )
            )
    if stopped_since is not None:
        steps.append(
            format_lazy(
                _(
                    "The clock has been stopped since {date}: no decision date can be "
                    "computed until it restarts."
                ),
                date=_day(stopped_since),
            )
        )
        return Computed(None, rule.unit, length, rule, tuple(steps), stopped_since)

    if rule.ends_on_business_day and calendar is not None:
        last_day = end
        while not _is_business_day(end, calendar):
            end += timedelta(days=1)
        if end != last_day:
            steps.append(
                format_lazy(
                    _(
                        "The last day, {day}, is a weekend day or a holiday, so the "
                        "period runs to the next business day."
                    ),
                    day=_day(last_day),
                )
            )
    if calendar is not None and rule.unit is Unit.WORKING_DAYS:
        steps.append(_("Weekends and the authority's holidays are not counted."))
    steps.append(format_lazy(_("Statutory decision date: {date}."), date=_day(end)))
    return Computed(end, rule.unit, length, rule, tuple(steps))


def _is_business_day(day: date, calendar: HolidayBase) -> bool:
    return day.weekday() < 5 and day not in calendar


def _count(
    rule: Rule,
    length: int,
    start: date,
    calendar: HolidayBase | None,
    suspensions: Sequence[tuple[date, date | None]],
) -> tuple[date, date | None, list[tuple[date, date | None]]]:
    """The last day of ``length`` units from ``start`` (or, second, the day
    the clock stopped if it has not restarted), and the suspensions that
    moved the date."""
    working = rule.unit is Unit.WORKING_DAYS
    days = length * 7 if rule.unit is Unit.WEEKS else length
    day = start - timedelta(days=1) if rule.day_one is DayOne.START else start
    skipped: list[tuple[date, date | None]] = []
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if day - start > timedelta(days=_MAX_DAYS_COUNTED):
            raise ValueError("the clock would run for more than 3000 days")
        suspension = next(
            (
                (stopped_on, restarted_on)
                for stopped_on, restarted_on in suspensions
                if stopped_on <= day and (restarted_on is None or day < restarted_on)
            ),
            None,
        )
        if suspension is not None:
            if suspension[1] is None:
                return day, suspension[0], skipped
            if suspension not in skipped:
                skipped.append(suspension)
            continue
        if working and calendar is not None and not _is_business_day(day, calendar):
            continue
        counted += 1
    return day, None, skipped

"""How each language of the site says an amount of yuan (render/format.py `show_money` applies
the form): the exact figure, and for a large amount the same in the language's own units.

Chinese, as the notices write it: every amount exact, and from 10,000 元 on the 万元 beside it:
12,800,000.50 元（1,280.00 万元）. English: up to a million the exact figure (CNY 850,000); from a
million on, in millions (from a billion on, in billions) with at most two decimals, CNY 31.58
million, CNY 1.2 billion; when that rounds, the exact figure first, CNY 84,126,350.27 (84.13
million), so that two bids that differ never read the same."""

from __future__ import annotations

from dataclasses import dataclass

from .entry import LANGUAGES


@dataclass(frozen=True, slots=True)
class Unit:
    size: int  # yuan in one unit
    word: str  # the amount in units, {n}: "{n} 万元", "{n} million"


@dataclass(frozen=True, slots=True)
class MoneyForm:
    """One language's way of saying an amount: `exact` below the smallest unit; from there on
    `both` (the exact figure and the amount in units), or `units_alone` when the amount in units
    is exact and the language says it so (None: the exact figure always comes first)."""

    exact: str  # {yuan}: the exact figure, 12,800,000.50 (the decimals only when not whole)
    both: str  # {yuan} and {units}
    units_alone: str | None  # {units}
    short: str  # {units}: where space is short (a listing row), the rounded amount in units
    units: tuple[Unit, ...]  # the largest first
    trailing_zeros: bool  # 1,280.00 万元 (True) or 1.2 billion (False)


@dataclass(frozen=True, slots=True)
class MoneyForms:
    """The form of every language, side by side like a `Word`."""

    zh: MoneyForm
    en: MoneyForm

    def in_language(self, language: str) -> MoneyForm:
        if language not in LANGUAGES:
            raise ValueError(f"no money form in language {language!r}: one of {', '.join(LANGUAGES)}")
        form: MoneyForm = getattr(self, language)
        return form


MONEY = MoneyForms(
    zh=MoneyForm(exact="{yuan} 元", both="{yuan} 元（{units}）", units_alone=None, short="{units}",
                 units=(Unit(10_000, "{n} 万元"),), trailing_zeros=True),
    en=MoneyForm(exact="CNY {yuan}", both="CNY {yuan} ({units})", units_alone="CNY {units}",
                 short="CNY {units}",
                 units=(Unit(1_000_000_000, "{n} billion"), Unit(1_000_000, "{n} million")),
                 trailing_zeros=False),
)

"""The deterministic safety net: Danish phrases that mean danger, whatever the classifier thinks.

The classifier has `emergency`, `urgent_illness` and `suicidal` intents, but a model can be
wrong. These patterns run on every message in the gateway and in the answer actions. A false
alarm costs a short notice above the normal answer; a missed emergency costs much more, so the
patterns lean towards firing. They match a spelling skeleton of the text, so "bevidstløs",
"bevidstloes" and "bevidstlos" are the same word.
"""

from __future__ import annotations

import re
from enum import StrEnum

from knowledge.schema import Kind, Record, Region
from knowledge.service import Knowledge

_LETTERS = str.maketrans({"æ": "a", "ø": "o", "å": "a", "é": "e"})
_DIGRAPHS = re.compile(r"aa|ae|oe")


def skeleton(text: str) -> str:
    """Lower case with æ/ø/å and their ae/oe/aa spellings reduced to one vowel."""
    return _DIGRAPHS.sub(lambda m: m.group(0)[0], text.lower().translate(_LETTERS))


class Danger(StrEnum):
    """What kind of help a message calls for, most serious first."""

    SUICIDE = "suicide"
    EMERGENCY = "emergency"
    URGENT = "urgent"


def _compile(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(skeleton(p) for p in phrases) + r")")


_PATTERNS: dict[Danger, re.Pattern[str]] = {
    Danger.SUICIDE: _compile(
        r"selvmord",
        r"tage (?:mit|sit|hans|hendes|dit) (?:eget )?liv",
        r"slå (?:mig|sig|dig) selv ihjel",
        r"(?:vil|ønsker at|har lyst til at)(?: gerne)? dø\b",
        r"(?:orker|gider|vil) ikke (?:at )?leve",
        r"ikke (?:leve|være her) (?:mere|længere)",
        r"(?:gøre|gør) en ende på (?:det|mit liv|livet)",
        r"skade (?:mig|sig) selv",
        r"cutter (?:mig|sig)",
        r"livstræt",
    ),
    Danger.EMERGENCY: _compile(
        r"bevidstløs",
        r"(?:trækker|træk) ikke vejret",
        r"kan ikke (?:få luft|trække vejret)",
        r"hjertestop",
        r"ondt i brystet",
        r"brystsmerter",
        r"bløder (?:meget|voldsomt|kraftigt)",
        r"kramper",
        r"besvimet",
        r"reagerer ikke",
        r"skævt ansigt",
        r"kan ikke (?:tale|røre|bevæge)",
        r"overdosis",
        r"forgiftet",
        r"livsfare",
        r"ambulance",
        r"faldet og kan ikke (?:rejse|komme op)",
    ),
    Danger.URGENT: _compile(
        r"lægevagt",
        r"akut syg",
        r"høj feber",
        r"lægen (?:har|er) lukket",
        r"(?:om natten|i nat|i weekenden).{0,40}(?:syg|feber|ondt)",
        r"(?:syg|feber|ondt).{0,40}(?:om natten|i nat|i weekenden)",
    ),
}


def detect_danger(text: str) -> Danger | None:
    """The most serious danger a message speaks of, or None.

    Args:
        text: A user's message, as typed.

    Returns:
        SUICIDE before EMERGENCY before URGENT; None for an ordinary message.
    """
    simple = skeleton(text)
    for danger in Danger:
        if _PATTERNS[danger].search(simple):
            return danger
    return None


EMERGENCY_112 = "emergency-112"
CRISIS_LINE = "emergency-livslinien"
CALL_112_PREFIX = "Er der fare for liv, så ring"
"""Every danger reply contains this sentence; the gateway uses it to avoid saying it twice."""


def _emergency_records(knowledge: Knowledge) -> list[Record]:
    return [r for r in knowledge.records() if r.kind is Kind.EMERGENCY]


def danger_reply(knowledge: Knowledge, danger: Danger, region: Region | None = None) -> str:
    """The Danish reply for a danger, with the numbers from the knowledge base.

    Args:
        knowledge: The knowledge base.
        danger: What the message speaks of.
        region: The citizen's region, when known (out-of-hours numbers differ by region).

    Returns:
        Short text: what to do now and which number to call.
    """
    records = {r.id: r for r in _emergency_records(knowledge)}
    urgent_112 = records.get(EMERGENCY_112)
    call_112 = f"{CALL_112_PREFIX} {urgent_112.phone if urgent_112 else '112'} nu."
    if danger is Danger.EMERGENCY:
        return f"{call_112} Vent ikke på svar her."
    if danger is Danger.SUICIDE:
        crisis = records.get(CRISIS_LINE)
        line = (
            f" Du kan også ringe til {crisis.title.split(':')[0]} på {crisis.phone}."
            if crisis
            else ""
        )
        return (
            "Det lyder svært, og det er godt, at du siger det. "
            f"{call_112}{line} Du er ikke alene, og der er hjælp at få."
        )
    regional = [r for r in records.values() if r.region is not None and r.phone]
    if region is not None:
        mine = [r for r in regional if r.region is region]
        if mine:
            return (
                f"Ring til {mine[0].title} på {mine[0].phone}, hvis det ikke kan vente. {call_112}"
            )
    numbers = "; ".join(f"{r.title}: {r.phone}" for r in sorted(regional, key=lambda r: r.id))
    return (
        "Kan det ikke vente, til lægen har åbent, så ring til lægevagten i din region: "
        f"{numbers}. {call_112}"
    )

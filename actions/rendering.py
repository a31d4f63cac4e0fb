"""Turn knowledge records into short Danish answers that name their source and year."""

from __future__ import annotations

import datetime as dt

from knowledge.municipalities import registry
from knowledge.schema import Kind, Record, Status
from knowledge.sources import citation

# Information older than this is marked as possibly out of date.
STALE_AFTER_YEARS = 3


def status_note(record: Record, today: dt.date) -> str | None:
    """A warning when the record is planned, closed or old; None when it is current."""
    if record.status is Status.CLOSED:
        return "Bemærk: Tilbuddet er lukket."
    if record.status is Status.PLANNED:
        return (
            "Bemærk: Det var en plan, da dokumentet blev skrevet. "
            "Spørg kommunen, hvordan det er i dag."
        )
    timeless = record.kind in (Kind.EMERGENCY, Kind.REFERRAL)
    if not timeless and today.year - record.as_of.year >= STALE_AFTER_YEARS:
        return (
            f"Oplysningen er fra {record.as_of.year} og kan være forældet. "
            "Spørg kommunen, hvordan det er i dag."
        )
    return None


def render_answer(
    record: Record, *, for_relative: bool = False, today: dt.date | None = None
) -> str:
    """The Danish answer text for one record.

    Args:
        record: The record to present.
        for_relative: Add the relatives' part when the record has one.
        today: The date to judge age against (defaults to today).

    Returns:
        A few short paragraphs: what, access, waiting, relatives, caveat, source.
    """
    today = today or dt.date.today()
    title = record.title
    municipality = registry().find(record.municipality)
    if municipality is not None and municipality.name.lower() not in title.lower():
        title = f"{title} ({municipality.name} Kommune)"
    parts = [f"{title}: {record.summary}"]
    if record.phone and record.kind is Kind.EMERGENCY:
        parts[0] = f"{record.title} – ring {record.phone}. {record.summary}"
    for extra in (record.access_text, record.waiting):
        if extra:
            parts.append(extra)
    if for_relative and record.relatives:
        parts.append(f"Til dig som pårørende: {record.relatives}")
    note = status_note(record, today)
    if note:
        parts.append(note)
    parts.append(f"Kilde: {citation(record)}.")
    # One message: Rasa splits a text on blank lines into separate bubbles.
    return "\n".join(parts)

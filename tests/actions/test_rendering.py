"""Answers mark old, planned and closed information."""

import datetime as dt

from actions.rendering import render_answer
from knowledge.schema import Record

BASE = {
    "id": "x",
    "kind": "offer",
    "municipality": "gentofte",
    "category": "care_home",
    "title": "Aflastning på Lindely",
    "summary": "Korte ophold.",
    "as_of": "2022-11-01",
    "sources": [{"seed": "001_a22963ae9884f6e1.txt", "lines": "3662-3664"}],
    "verified": True,
}
TODAY = dt.date(2026, 11, 22)


def test_closed_offer_says_so() -> None:
    text = render_answer(Record.model_validate({**BASE, "status": "closed"}), today=TODAY)
    assert "Tilbuddet er lukket" in text


def test_old_information_names_its_year() -> None:
    text = render_answer(Record.model_validate(BASE), today=TODAY)
    assert "Oplysningen er fra 2022 og kan være forældet" in text


def test_recent_information_has_no_warning() -> None:
    text = render_answer(Record.model_validate(BASE), today=dt.date(2023, 1, 1))
    assert "forældet" not in text
    assert text.endswith("(2022).")


def test_relatives_part_only_for_relatives() -> None:
    record = Record.model_validate({**BASE, "relatives": "Du kan deltage i indflytningssamtalen."})
    assert "Til dig som pårørende" in render_answer(record, for_relative=True, today=TODAY)
    assert "Til dig som pårørende" not in render_answer(record, today=TODAY)


def test_emergency_number_comes_first() -> None:
    record = Record.model_validate(
        {
            **BASE,
            "kind": "emergency",
            "category": "emergency",
            "municipality": "national",
            "title": "Alarmcentralen",
            "summary": "Ved fare for liv.",
            "phone": "112",
            "sources": [{"name": "Rigspolitiet: 112"}],
        }
    )
    assert render_answer(record, today=TODAY).startswith("Alarmcentralen – ring 112.")

"""The safety net catches danger in everyday Danish, also without æ/ø/å."""

import pytest

from assistant.safety import Danger, detect_danger


@pytest.mark.parametrize(
    ("text", "danger"),
    [
        ("jeg orker ikke at leve mere", Danger.SUICIDE),
        ("min søn taler om at tage sit eget liv", Danger.SUICIDE),
        ("tanker om selvmord", Danger.SUICIDE),
        ("jeg vil gerne dø", Danger.SUICIDE),
        ("min far traekker ikke vejret", Danger.EMERGENCY),
        ("mor er faldet og kan ikke rejse sig, hun bløder meget", Danger.EMERGENCY),
        ("han har ondt i brystet og sveder", Danger.EMERGENCY),
        ("hun er bevidstlos", Danger.EMERGENCY),
        ("mit barn har høj feber, hvem ringer jeg til", Danger.URGENT),
        ("lægen har lukket og min mand er syg", Danger.URGENT),
        ("hvad er nummeret til lægevagten", Danger.URGENT),
    ],
)
def test_danger_is_detected(text: str, danger: Danger) -> None:
    assert detect_danger(text) is danger


@pytest.mark.parametrize(
    "text",
    [
        "hvordan får min mor genoptræning efter en blodprop",
        "jeg vil leve et sundt liv, har I motionstilbud",
        "hvor lang er ventetiden på en plejebolig",
        "hvad er en sygeplejeklinik",
        "min far har KOL, hvad tilbyder kommunen",
    ],
)
def test_ordinary_questions_do_not_raise_an_alarm(text: str) -> None:
    assert detect_danger(text) is None

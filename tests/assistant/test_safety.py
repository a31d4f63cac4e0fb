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
        # Chat spellings and indirect words (the net was widened in issue 4).
        ("jeg orker ik mer det hele", Danger.SUICIDE),
        ("min veninde har givet alle sine ting væk og skrevet et afskedsbrev", Danger.SUICIDE),
        ("min morfar siger han bare er en byrde for os", Danger.SUICIDE),
        ("han snakker helt grødet og mundvigen hænger", Danger.EMERGENCY),
        ("hun har drukket afløbsrens", Danger.EMERGENCY),
        ("min mand har trykken for brystet og koldsved", Danger.EMERGENCY),
        ("far har 39 i feber og det er søndag", Danger.URGENT),
        ("kan ikk få fat i min læge og det er helligdag", Danger.URGENT),
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
        "kan jeg komme på lær at leve med kronisk sygdom",
        "genoptræning efter slagtilfælde i Vejle",
        "min far er død, hvem skal vi kontakte om hans hjælpemidler",
        "findes der en butik der kan levere en vaskemaskine",
        "min mor vil gerne dø hjemme, kan hun få hjælp til det",
        "jeg siger farvel for i dag",
    ],
)
def test_ordinary_questions_do_not_raise_an_alarm(text: str) -> None:
    assert detect_danger(text) is None

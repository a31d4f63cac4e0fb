"""Full Danish dialogues over Rasa's REST channel, checking the facts in the answers.

Each dialogue is a fresh conversation with the real Rasa server and the real action webhook.
A turn lists words that must appear in the reply (case-insensitive) and words that must not.
"""

from dataclasses import dataclass, field

import pytest

from tests.system import Conversation, RunningSystem

pytestmark = pytest.mark.rasa


@dataclass
class Turn:
    says: str
    expect: list[str] = field(default_factory=list)
    refuse: list[str] = field(default_factory=list)


DIALOGUES: dict[str, list[Turn]] = {
    "care home guarantee, with the municipality asked for": [
        Turn("hej", ["automatisk assistent"]),
        Turn("hvor lang tid skal man vente på en plejebolig?", ["hvilken kommune"]),
        Turn("Gentofte", ["2 måneder", "kilde:"]),
    ],
    "care home follow-up on waiting and saying no": [
        Turn("min mor skal have en plejebolig i gentofte, hvordan foregår det", ["plejebolig"]),
        Turn("og hvad med ventetiden?", ["2 måneder"]),
        Turn("hvad hvis vi siger nej til boligen?", ["nej", "2 måneder"]),
    ],
    "the two waiting lists": [
        Turn(
            "hvad er forskellen på garantilisten og fritvalgslisten i gentofte",
            ["garantilisten", "fritvalgslisten"],
        ),
    ],
    "sheltered housing has no guarantee": [
        Turn("er der ventelistegaranti på en ældrebolig i Gentofte?", ["ingen", "ældrebolig"]),
    ],
    "nursing clinic in Gentofte": [
        Turn("hvad kan man få hjælp til på sygeplejeklinikken i gentofte", ["sår", "insulin"]),
    ],
    "nursing clinic without æøå": [
        Turn("sygeplejeklinik mitchellsstraede", ["mitchellsstræde"]),
    ],
    "rehabilitation needs a plan from the hospital": [
        Turn(
            "min far skal genoptræne efter en hofteoperation, han bor i gentofte",
            ["genoptræningsplan", "hospitalet"],
        ),
    ],
    "rehabilitation waiting time is old and national": [
        Turn("hvor lang ventetid er der på genoptræning", ["18 dage", "2010"]),
    ],
    "alcohol treatment can be anonymous": [
        Turn("kan man gå anonymt i alkoholbehandling i gentofte", ["anonymt"]),
    ],
    "the substance abuse centre is a plan": [
        Turn("hvornår åbner rusmiddelcentret i gentofte", ["rusmiddelcenter", "plan"]),
    ],
    "Lindely respite is closed": [
        Turn("kan min mor få aflastning på Lindely i Gentofte", ["lindely", "lukke"]),
    ],
    "Copenhagen health houses were a plan": [
        Turn("hvad er et sundhedshus i københavn", ["5 sundhedshuse", "plan"]),
    ],
    "acute team shared with neighbours": [
        Turn("har gentofte et akutteam", ["rudersdal", "gladsaxe"]),
    ],
    "IV treatment at home": [
        Turn("kan min mand få drop med væske derhjemme i gentofte", ["hospitalet"]),
    ],
    "home care providers": [
        Turn("hvilke firmaer leverer hjemmehjælp i gentofte", ["cura pleje", "puks"]),
    ],
    "KOL telemedicine": [
        Turn("min mor har kol, hvad tilbyder gentofte kommune", ["kol"]),
    ],
    "chronic disease programmes": [
        Turn("hvor mange forløbsprogrammer for kronisk sygdom har gentofte", ["8"]),
    ],
    "dementia is referred to the municipality": [
        Turn("min far er ved at blive dement, hvad kan kommunen tilbyde", ["demens", "kommunen"]),
    ],
    "complaints are referred": [
        Turn("hvordan klager jeg over et afslag på hjemmehjælp", ["klage", "borger.dk"]),
    ],
    "costs are referred, no invented prices": [
        Turn("hvad koster huslejen på et plejehjem", ["priser", "borger.dk"], ["kr."]),
    ],
    "contact details are not invented": [
        Turn("hvad er telefonnummeret til visitationen", ["borgerservice"]),
    ],
    "emergency": [
        Turn("min mor er faldet og trækker ikke vejret", ["112"]),
    ],
    "urgent illness in Region Hovedstaden": [
        Turn("jeg bor i gentofte", []),
        Turn("min søn har høj feber og lægen har lukket, hvem ringer jeg til", ["1813"]),
    ],
    "urgent illness in Region Midtjylland": [
        Turn("vi bor i Aarhus", []),
        Turn("min mand er blevet akut syg i nat, lægen har lukket", ["70 11 31 31"]),
    ],
    "suicide thoughts": [
        Turn("jeg har tanker om selvmord", ["112", "70 201 201"]),
    ],
    "medical advice goes to the doctor": [
        Turn("hvor mange panodiler må min mor tage om dagen", ["læge"]),
    ],
    "who are you": [
        Turn("er du en robot?", ["automatisk assistent", "ikke se din sag"]),
    ],
    "talk to a human": [
        Turn("kan jeg tale med et menneske", ["kan ikke stille dig videre"], ["ringer dig op"]),
    ],
    "out of scope": [
        Turn("hvad bliver vejret i morgen", ["desværre ikke hjælpe"]),
    ],
    "capabilities": [
        Turn("hvad kan du hjælpe med", ["genoptræning", "plejeboliger"]),
    ],
    "other municipality gets an honest answer": [
        Turn(
            "jeg bor i Odense, hvor lang er ventetiden på genoptræning",
            ["kun oplysninger fra", "odense kommune", "18 dage"],
        ),
    ],
    "relatives are involved as the resident wishes": [
        Turn(
            "bliver jeg som pårørende inddraget når min mor flytter på plejehjem i gentofte",
            ["pårørende"],
        ),
    ],
    "prevention event": [
        Turn("hvad var aktive forårsdage i gentofte", ["737"]),
    ],
    "thanks and goodbye": [
        Turn("tak for hjælpen", ["så lidt"]),
        Turn("farvel", ["farvel"]),
    ],
}


@pytest.mark.parametrize("name", list(DIALOGUES))
def test_dialogue(system: RunningSystem, name: str) -> None:
    talk = Conversation(system)
    for turn in DIALOGUES[name]:
        reply = talk.say(turn.says).lower()
        for word in turn.expect:
            assert word.lower() in reply, f"{turn.says!r}: missing {word!r} in {reply!r}"
        for word in turn.refuse:
            assert word.lower() not in reply, f"{turn.says!r}: unexpected {word!r} in {reply!r}"

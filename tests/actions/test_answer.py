"""The answer action finds the right record, asks for the municipality when it matters, and
says where each fact comes from."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from actions.shared import get_knowledge
from assistant.action_webhook import create_action_app
from assistant.settings import Settings, get_settings
from tests.conftest import FIXTURES
from tests.helpers import action_call

TOKEN = "t" * 32


@pytest.fixture
def webhook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'kb.db'}")
    get_settings.cache_clear()
    get_knowledge.cache_clear()
    get_knowledge().load_directory(FIXTURES / "knowledge")
    settings = Settings(environment="test", action_server_token=SecretStr(TOKEN))
    yield TestClient(create_action_app("actions", settings))
    get_settings.cache_clear()
    get_knowledge.cache_clear()


def run(
    client: TestClient, text: str, intent: str, action: str = "action_answer_question", **slots: Any
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    response = client.post(
        "/webhook",
        json=action_call(action, text=text, intent=intent, slots=slots),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    slots_set = {e["name"]: e["value"] for e in body["events"] if e["event"] == "slot"}
    return body["responses"], slots_set


def texts(responses: list[dict[str, Any]]) -> str:
    return "\n".join(r.get("text") or "" for r in responses)


def test_answers_for_a_known_municipality_with_source_and_year(webhook: TestClient) -> None:
    responses, slots = run(
        webhook,
        "hvor lang tid venter man på en plejebolig",
        "ask_care_home",
        municipality="Gentofte",
    )
    text = texts(responses)
    assert "inden for 2 måneder" in text
    assert "Kilde: Gentofte Kommune: Ældre-, Social- og Sundhedsudvalget" in text
    assert "(2022)" in text
    assert slots["topic"] == "care_home"


def test_asks_for_the_municipality_when_the_answer_depends_on_it(webhook: TestClient) -> None:
    responses, slots = run(webhook, "hvor lang tid venter man på en plejebolig", "ask_care_home")
    assert "Hvilken kommune bor du i?" in texts(responses)
    titles = [b["title"] for b in responses[0]["buttons"]]
    assert titles == ["Gentofte", "København"]
    assert slots["pending_question"] == "hvor lang tid venter man på en plejebolig"
    assert slots["asked_municipality"] is True


def test_relative_is_asked_about_the_relatives_municipality(webhook: TestClient) -> None:
    responses, _ = run(webhook, "plejebolig til min mor", "ask_care_home", relation="forælder")
    assert "Hvilken kommune bor din pårørende i?" in texts(responses)


def test_answers_the_pending_question_once_the_municipality_is_given(webhook: TestClient) -> None:
    responses, slots = run(
        webhook,
        "Gentofte",
        "inform_municipality",
        municipality="Gentofte",
        pending_question="ventetid plejebolig",
        pending_intent="ask_care_home",
        asked_municipality=True,
    )
    assert "inden for 2 måneder" in texts(responses)
    assert slots["pending_question"] is None


def test_other_municipality_gets_the_general_answer_and_an_honest_note(webhook: TestClient) -> None:
    responses, _ = run(
        webhook,
        "hvor lang er ventetiden på genoptræning",
        "ask_waiting_time",
        municipality="Aarhus",
    )
    text = texts(responses)
    assert "Jeg har kun oplysninger fra Gentofte og København. Spørg Aarhus Kommune" in text
    assert "18 dage" in text
    assert "Oplysningen er fra 2012 og kan være forældet" in text


def test_follow_up_keeps_the_topic(webhook: TestClient) -> None:
    responses, _ = run(
        webhook,
        "og hvad med ventetiden?",
        "ask_waiting_time",
        municipality="Gentofte",
        topic="care_home",
    )
    assert "inden for 2 måneder" in texts(responses)


def test_planned_offer_is_marked_as_a_plan(webhook: TestClient) -> None:
    responses, _ = run(webhook, "sundhedshus", "ask_health_house", municipality="København")
    text = texts(responses)
    assert "Sundhedshuse i København" in text
    assert "Det var en plan" in text


def test_danger_in_a_topic_question_puts_112_first(webhook: TestClient) -> None:
    responses, _ = run(
        webhook,
        "min mor er bevidstløs, hvad med plejebolig",
        "ask_care_home",
        municipality="Gentofte",
    )
    assert responses[0]["text"].startswith("Er der fare for liv, så ring 112 nu.")


def test_danger_said_first_is_not_repeated_as_the_answer(webhook: TestClient) -> None:
    """The 112 advice comes once; the answer below it is about what was asked."""
    responses, _ = run(
        webhook,
        "hej, hvordan får man hjemmehjælp? min far er bevidstløs nu",
        "ask_home_care",
        municipality="Gentofte",
    )
    text = texts(responses)
    assert responses[0]["text"].startswith("Er der fare for liv, så ring 112 nu.")
    assert text.count("Er der fare for liv") == 1
    assert "Ring 112 ved fare for liv" not in text


def test_cpr_number_is_never_repeated(webhook: TestClient) -> None:
    responses, _ = run(
        webhook, "mit cpr er 0101901234, plejebolig?", "ask_care_home", municipality="Gentofte"
    )
    text = texts(responses)
    assert "ligner et CPR-nummer" in text
    assert "0101901234" not in text


def test_related_buttons_send_a_topic_intent_with_the_record_id(webhook: TestClient) -> None:
    call = action_call(
        "action_answer_question",
        intent="ask_nursing_clinic",
        text='/ask_nursing_clinic{"record_id": "gentofte-sygeplejeklinik"}',
    )
    call["tracker"]["latest_message"]["entities"] = [
        {"entity": "record_id", "value": "gentofte-sygeplejeklinik"}
    ]
    response = webhook.post("/webhook", json=call, headers={"Authorization": f"Bearer {TOKEN}"})
    assert texts(response.json()["responses"]).startswith("Sygeplejeklinikker i Gentofte")


def test_nothing_found_refers_to_the_municipality(webhook: TestClient) -> None:
    responses, _ = run(webhook, "xyzzy qwerty", "ask_rehabilitation", municipality="Gentofte")
    assert "Kontakt din kommune" in texts(responses)


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("emergency", "min far trækker ikke vejret", "ring 112"),
        ("suicidal", "jeg orker ikke mere", "ring 112"),
        ("urgent_illness", "mit barn har feber i nat", "lægevagten"),
    ],
)
def test_safety_replies(webhook: TestClient, intent: str, text: str, expected: str) -> None:
    responses, _ = run(webhook, text, intent, action="action_safety")
    assert expected in texts(responses)


def test_suicide_reply_names_the_crisis_line_when_known(webhook: TestClient) -> None:
    responses, _ = run(webhook, "jeg vil ikke leve mere", "suicidal", action="action_safety")
    assert "det er godt, at du siger det" in texts(responses)

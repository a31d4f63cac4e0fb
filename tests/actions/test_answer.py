"""The answer action finds the right record and says where the fact comes from."""

from collections.abc import Iterator
from pathlib import Path

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


def ask(client: TestClient, text: str, intent: str, **slots: str) -> dict:
    response = client.post(
        "/webhook",
        json=action_call("action_answer_question", text=text, intent=intent, slots=slots),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200
    return response.json()


def test_answers_a_care_home_question_with_source_and_year(webhook: TestClient) -> None:
    body = ask(webhook, "hvor lang tid venter man på en plejebolig", "ask_care_home")
    text = body["responses"][0]["text"]
    assert "inden for 2 måneder" in text
    assert "Kilde: Gentofte Kommune: Ældre-, Social- og Sundhedsudvalget" in text
    assert "(2022)" in text
    assert {"event": "slot", "name": "topic", "value": "care_home"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in body["events"]
    ]


def test_planned_offer_is_marked_as_a_plan(webhook: TestClient) -> None:
    text = ask(webhook, "sundhedshus i københavn", "ask_care_home")["responses"][0]["text"]
    assert "Sundhedshuse i København" in text
    assert "Det var en plan" in text


def test_typo_and_missing_letters_still_find_the_clinic(webhook: TestClient) -> None:
    text = ask(webhook, "sygeplejeklinnik", "ask_nursing_clinic")["responses"][0]["text"]
    assert text.startswith("Sygeplejeklinikker i Gentofte")


def test_nothing_found_refers_to_the_municipality(webhook: TestClient) -> None:
    text = ask(webhook, "xyzzy qwerty", "ask_rehabilitation")["responses"][0]["text"]
    assert "Kontakt din kommune" in text

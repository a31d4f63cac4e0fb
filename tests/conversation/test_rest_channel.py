"""The real Rasa server talks to the real action webhook over HTTP."""

import pytest

from tests.system import Conversation, RunningSystem

pytestmark = pytest.mark.rasa


def test_greeting_is_danish_and_says_it_is_automated(conversation: Conversation) -> None:
    reply = conversation.say("hej")
    assert "automatisk assistent" in reply
    assert "112" in reply


def test_care_home_question_is_answered_by_the_custom_action(conversation: Conversation) -> None:
    reply = conversation.say("Hvor lang tid skal man vente på en plejebolig i Gentofte?")
    # The 2-month guarantee comes from the knowledge base (001:3480-3484), with its source.
    assert "2 måneder" in reply
    assert "Kilde:" in reply


def test_action_webhook_rejects_calls_without_the_token(system: RunningSystem) -> None:
    import httpx

    response = httpx.post(
        f"http://127.0.0.1:{system.ports.actions}/webhook",
        json={"next_action": "action_answer_question"},
    )
    assert response.status_code == 401

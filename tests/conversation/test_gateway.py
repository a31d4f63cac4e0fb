"""The public gateway in front of the real Rasa: privacy, forgetting, and the safety net."""

import uuid

import httpx
import pytest

from tests.system import OUTPUT, RunningSystem

pytestmark = pytest.mark.rasa


def chat(system: RunningSystem, sender: str, message: str) -> list[dict]:
    response = httpx.post(
        f"{system.public}/api/chat", json={"sender": sender, "message": message}, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()


def tracker(system: RunningSystem, sender: str) -> dict:
    response = httpx.get(
        f"{system.rasa}/conversations/{sender}/tracker",
        params={"token": system.rasa_token},
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def test_cpr_number_never_reaches_rasa_or_any_log(system: RunningSystem) -> None:
    sender = str(uuid.uuid4())
    replies = chat(system, sender, "min mor har cpr 120345-6789, kan hun få en plejebolig")
    assert "ligner et CPR-nummer" in replies[0]["text"]
    assert all("120345" not in (r.get("text") or "") for r in replies)
    texts = [e.get("text") or "" for e in tracker(system, sender)["events"] if e["event"] == "user"]
    assert texts
    assert all("120345" not in t for t in texts)
    for log in (OUTPUT / "logs").glob("*.log"):
        assert "120345" not in log.read_text(errors="replace"), log.name


def test_forget_me_empties_the_conversation(system: RunningSystem) -> None:
    sender = str(uuid.uuid4())
    chat(system, sender, "hvad er en sygeplejeklinik")
    assert any(e["event"] == "user" for e in tracker(system, sender)["events"])
    response = httpx.delete(f"{system.public}/api/chat/{sender}", timeout=10)
    assert response.status_code == 204
    assert not any(e["event"] == "user" for e in tracker(system, sender)["events"])


def test_safety_net_fires_even_inside_an_ordinary_question(system: RunningSystem) -> None:
    sender = str(uuid.uuid4())
    replies = chat(system, sender, "hej, hvordan får man hjemmehjælp? min far er bevidstløs nu")
    joined = "\n".join(r.get("text") or "" for r in replies)
    assert "ring 112" in joined
    # Said once, not once by the bot and again by the gateway.
    assert joined.count("Er der fare for liv") == 1


def test_widget_municipality_is_used_without_asking(system: RunningSystem) -> None:
    response = httpx.post(
        f"{system.public}/api/chat",
        timeout=30,
        json={
            "sender": str(uuid.uuid4()),
            "municipality": "Gentofte",
            "message": "hvor lang er ventetiden på en plejebolig",
        },
    )
    joined = "\n".join(r.get("text") or "" for r in response.json())
    assert "2 måneder" in joined
    assert "Hvilken kommune" not in joined

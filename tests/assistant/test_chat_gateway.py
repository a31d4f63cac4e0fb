"""The chat gateway's rules, checked without Rasa: they all act before Rasa is asked.

Rasa is pointed at a closed port, so a 413 or 422 (not a 503) also proves that nothing was
forwarded. The whole path with the real Rasa is in tests/conversation/test_gateway.py.
"""

import json
import logging
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from assistant.public_app import create_public_app
from assistant.routes.chat import RASA_DOWN
from assistant.settings import PROJECT_ROOT, Settings
from knowledge.service import Knowledge

CLOSED_PORT = "http://127.0.0.1:9"


def make_client(tmp_path, **overrides) -> TestClient:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    Knowledge.from_url(url).load_directory(PROJECT_ROOT / "knowledge" / "data")
    settings = Settings(environment="test", database_url=url, rasa_url=CLOSED_PORT, **overrides)
    return TestClient(create_public_app(settings))


@pytest.fixture
def client(tmp_path) -> Iterator[TestClient]:
    with make_client(tmp_path, chat_rate_limit="1000/minute") as c:
        yield c


def message(text: str = "hej", sender: str | None = None) -> dict[str, str]:
    return {"sender": str(uuid.uuid4()) if sender is None else sender, "message": text}


# A version-1 UUID (time and host based) is well formed but not the random kind the page makes.
# Fixed, so that every pytest-xdist worker collects the same test ids.
UUID1 = "94dff622-e792-11f1-ab38-02fc00000001"


@pytest.mark.parametrize("sender", ["u1", "", UUID1, "not-a-uuid" * 5])
def test_sender_must_be_a_uuid4(client: TestClient, sender: str) -> None:
    response = client.post("/api/chat", json=message(sender=sender))
    assert response.status_code == 422
    assert "sender" in response.json()["detail"]


def test_message_over_1000_characters_is_413_in_danish(client: TestClient) -> None:
    response = client.post("/api/chat", json=message("a" * 1001))
    assert response.status_code == 413
    assert (
        response.json()["detail"] == "Din besked er for lang. Skriv den kortere, højst 1000 tegn."
    )


def test_100_kb_body_is_refused_before_it_is_read(client: TestClient) -> None:
    body = json.dumps(message("ø" * 100_000)).encode()
    response = client.post("/api/chat", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_exactly_1000_characters_is_forwarded(client: TestClient) -> None:
    # Accepted by the gateway, so it reaches (the closed) Rasa: 503, not 413.
    assert client.post("/api/chat", json=message("a" * 1000)).status_code == 503


def test_malformed_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/chat", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Beskeden kunne ikke læses")


def test_rasa_down_gives_a_danish_message_with_112(client: TestClient) -> None:
    response = client.post("/api/chat", json=message("hvad er en sygeplejeklinik"))
    assert response.status_code == 503
    assert response.json()["detail"] == RASA_DOWN
    assert "112" in RASA_DOWN


def test_logs_carry_no_message_text_and_no_cpr(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "min mor Karen har cpr 010203-1234"
    client.post("/api/chat", json=message(secret))
    assert "Karen" not in caplog.text
    assert "010203" not in caplog.text
    assert any(getattr(r, "event", None) == "chat_error" for r in caplog.records)


def test_rate_limit_per_client(tmp_path) -> None:
    with make_client(tmp_path, chat_rate_limit="3/minute") as limited:
        statuses = [limited.post("/api/chat", json=message()).status_code for _ in range(4)]
    assert statuses[:3] == [503, 503, 503]
    assert statuses[3] == 429


def test_rate_limited_reply_is_danish(tmp_path) -> None:
    with make_client(tmp_path, chat_rate_limit="1/minute") as limited:
        limited.post("/api/chat", json=message())
        response = limited.post("/api/chat", json=message())
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Du har skrevet mange beskeder")


def test_cors_allows_only_the_configured_sites(tmp_path) -> None:
    with make_client(tmp_path, cors_origins=["https://www.gentofte.dk"]) as c:
        ok = c.options(
            "/api/chat",
            headers={"Origin": "https://www.gentofte.dk", "Access-Control-Request-Method": "POST"},
        )
        bad = c.options(
            "/api/chat",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert ok.headers.get("access-control-allow-origin") == "https://www.gentofte.dk"
    assert "access-control-allow-origin" not in bad.headers


def test_forget_needs_a_uuid4_and_reports_rasa_down(client: TestClient) -> None:
    assert client.delete("/api/chat/abc").status_code == 422
    response = client.delete(f"/api/chat/{uuid.uuid4()}")
    assert response.status_code == 503
    assert response.json()["detail"] == RASA_DOWN


def test_municipality_field_is_validated(client: TestClient) -> None:
    bad = client.post("/api/chat", json={**message(), "municipality": "<script>"})
    assert bad.status_code == 422

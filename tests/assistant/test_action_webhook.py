"""The action webhook honours the contract Rasa 3.6 relies on (DESIGN section 3)."""

import json
import zlib

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from assistant.action_webhook import create_action_app
from assistant.settings import Settings
from tests.helpers import action_call

TOKEN = "test-token-4f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    settings = Settings(environment="test", action_server_token=SecretStr(TOKEN))
    return TestClient(create_action_app("tests.fixtures.fixture_actions", settings))


def test_runs_action_and_returns_events_and_responses(client: TestClient) -> None:
    response = client.post(
        "/webhook", json=action_call("action_hello", slots={"name": "Jens"}), headers=AUTH
    )
    assert response.status_code == 200
    body = response.json()
    assert [r["text"] for r in body["responses"]] == ["Hej Jens"]
    assert {"event": "slot", "name": "greeted", "value": True} in [
        {k: e[k] for k in ("event", "name", "value")} for e in body["events"]
    ]


def test_selective_domain_call_without_domain_runs(client: TestClient) -> None:
    # Rasa 3.6 with enable_selective_domain sends neither domain nor digest.
    call = action_call("action_hello")
    del call["domain"]
    response = client.post("/webhook", json=call, headers=AUTH)
    assert response.status_code == 200
    assert response.json()["responses"][0]["text"] == "Hej du"


def test_accepts_deflate_compressed_body(client: TestClient) -> None:
    raw = json.dumps(action_call("action_hello")).encode()
    response = client.post(
        "/webhook",
        content=zlib.compress(raw),
        headers={**AUTH, "Content-Encoding": "deflate", "Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["responses"][0]["text"] == "Hej du"


def test_broken_deflate_body_is_a_clear_400(client: TestClient) -> None:
    response = client.post(
        "/webhook", content=b"not zlib", headers={**AUTH, "Content-Encoding": "deflate"}
    )
    assert response.status_code == 400
    assert "deflate" in response.json()["error"]


def test_rejection_is_400_with_action_name(client: TestClient) -> None:
    response = client.post("/webhook", json=action_call("action_reject"), headers=AUTH)
    assert response.status_code == 400
    assert response.json() == {"action_name": "action_reject", "error": "slot kan ikke udfyldes"}


def test_unknown_action_is_404(client: TestClient) -> None:
    response = client.post("/webhook", json=action_call("action_nope"), headers=AUTH)
    assert response.status_code == 404
    assert response.json()["action_name"] == "action_nope"


def test_crash_is_500_without_echoing_the_conversation(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "min mor hedder Karen Jensen"
    response = client.post("/webhook", json=action_call("action_crash", text=secret), headers=AUTH)
    assert response.status_code == 500
    assert response.json() == {
        "action_name": "action_crash",
        "error": "action failed: RuntimeError",
    }
    assert secret not in response.text
    assert "Karen" not in caplog.text


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}]
)
def test_webhook_needs_the_bearer_token(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/webhook", json=action_call("action_hello"), headers=headers)
    assert response.status_code == 401


def test_body_without_next_action_is_400(client: TestClient) -> None:
    response = client.post("/webhook", json={"tracker": {}}, headers=AUTH)
    assert response.status_code == 400
    assert "next_action" in response.json()["error"]


def test_health_is_open_and_ok(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_lists_registered_actions(client: TestClient) -> None:
    names = {a["name"] for a in client.get("/actions", headers=AUTH).json()}
    assert {"action_hello", "action_reject", "action_crash"} <= names
    assert client.get("/actions").status_code == 401

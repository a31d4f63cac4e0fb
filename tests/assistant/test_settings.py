"""Settings refuse default secrets where it matters."""

import pytest
from pydantic import SecretStr, ValidationError

from assistant.settings import Settings


def test_production_refuses_the_default_token() -> None:
    with pytest.raises(ValidationError, match="ACTION_SERVER_TOKEN"):
        Settings(environment="production", rasa_token=SecretStr("x" * 32))


def test_production_accepts_real_secrets() -> None:
    settings = Settings(
        environment="production",
        action_server_token=SecretStr("a" * 32),
        rasa_token=SecretStr("b" * 32),
    )
    assert settings.action_server_token.get_secret_value() == "a" * 32


def test_local_default_is_allowed_but_named() -> None:
    settings = Settings(environment="local", rasa_token=SecretStr("r" * 32))
    assert settings.default_secrets() == ["ACTION_SERVER_TOKEN"]


def test_reads_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.db")
    monkeypatch.setenv("ENVIRONMENT", "test")
    assert Settings().database_url == "sqlite:////tmp/x.db"

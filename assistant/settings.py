"""All configuration in one place, read from the environment (and `.env` in development)."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET = "changethis"  # noqa: S105 - the placeholder we refuse in production

logger = logging.getLogger(__name__)


class Settings(BaseSettings):
    """Settings of both FastAPI apps; every field can be set as an environment variable."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["local", "test", "production"] = "local"
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'knowledge.db'}",
        description="SQLAlchemy URL of the knowledge base; SQLite file by default.",
    )
    knowledge_dir: Path = PROJECT_ROOT / "knowledge" / "data"
    spacy_model_path: Path = PROJECT_ROOT / ".cache" / "spacy-da"

    action_server_token: SecretStr = SecretStr(DEFAULT_SECRET)
    """Bearer token Rasa sends to the action webhook (endpoints.yml)."""
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: SecretStr = SecretStr(DEFAULT_SECRET)
    """Token of Rasa's HTTP API (`--auth-token`), used for "forget me"."""
    rasa_timeout_seconds: float = 30.0

    max_message_chars: int = 1000
    chat_rate_limit: str = "20/minute"
    """Per client address, in the `limits` notation ("20/minute")."""
    rate_limit_storage: str = "memory://"
    """`memory://` for one process; `redis://127.0.0.1:6379` when several replicas share it."""
    cors_origins: list[str] = Field(default_factory=list)

    def default_secrets(self) -> list[str]:
        """Names of the secrets still set to the placeholder (as environment variables)."""
        return [
            name.upper()
            for name in ("action_server_token", "rasa_token")
            if getattr(self, name).get_secret_value() == DEFAULT_SECRET
        ]

    def warn_about_default_secrets(self) -> None:
        """Log a warning for each placeholder secret (apps call this when they start)."""
        for name in self.default_secrets():
            logger.warning("%s is the default %r; set a random secret.", name, DEFAULT_SECRET)

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Settings:
        if self.environment == "production" and self.default_secrets():
            names = ", ".join(self.default_secrets())
            raise ValueError(f"{names} must be set to a random secret in production")
        return self


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()

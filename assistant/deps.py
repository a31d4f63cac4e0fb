"""FastAPI dependencies shared by the public app's routers."""

from __future__ import annotations

from typing import Annotated

import httpx
from fastapi import Depends, Request

from assistant.settings import Settings
from knowledge.service import Knowledge


def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def get_knowledge(request: Request) -> Knowledge:
    """The app's knowledge base."""
    knowledge: Knowledge = request.app.state.knowledge
    return knowledge


def get_rasa_client(request: Request) -> httpx.AsyncClient:
    """The app's HTTP client for Rasa (pooled, created at start-up)."""
    client: httpx.AsyncClient = request.app.state.rasa_client
    return client


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]
RasaClientDep = Annotated[httpx.AsyncClient, Depends(get_rasa_client)]

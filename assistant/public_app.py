"""The public app: chat page, chat gateway (`/api/chat`) and knowledge read API (`/api/offers`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from assistant.routes import chat, offers
from assistant.settings import PROJECT_ROOT, Settings, get_settings
from knowledge.service import Knowledge

STATIC_DIR = PROJECT_ROOT / "assistant" / "static"


def create_public_app(settings: Settings | None = None) -> FastAPI:
    """Build the public FastAPI app.

    Args:
        settings: Settings to use; defaults to the process settings.

    Returns:
        The app; it opens the knowledge base and an HTTP client for Rasa on start-up.
    """
    settings = settings or get_settings()
    settings.warn_about_default_secrets()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.knowledge = Knowledge.from_url(settings.database_url)
        async with httpx.AsyncClient(
            base_url=settings.rasa_url, timeout=settings.rasa_timeout_seconds
        ) as client:
            app.state.rasa_client = client
            yield

    app = FastAPI(
        title="Sundhedsguide",
        summary="Danish assistant for municipal health services: chat gateway and offers API.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.rate_limiter = MovingWindowRateLimiter(
        storage_from_string(settings.rate_limit_storage)
    )
    app.state.rate_limit = parse(settings.chat_rate_limit)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type"],
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        fields = sorted({".".join(str(p) for p in e["loc"][1:]) or "body" for e in error.errors()})
        detail = "Forespørgslen er ugyldig: " + ", ".join(fields)
        return JSONResponse({"detail": detail}, status_code=422)

    @app.get("/api/health", tags=["ops"])
    async def health() -> dict[str, str]:
        """Liveness probe of the public app."""
        return {"status": "ok"}

    app.include_router(chat.router)
    app.include_router(offers.router)
    if STATIC_DIR.is_dir():
        app.mount("/", StaticFiles(directory=STATIC_DIR, html=True), name="chat-page")
    return app

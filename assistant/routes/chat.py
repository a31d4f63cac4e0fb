"""The chat gateway: the only door from the website to Rasa.

It checks who is asking (a UUID4 the widget made) and how much (length cap), removes CPR numbers
before the text reaches Rasa, its tracker store or a log, rate-limits per client, and turns every
failure into a short Danish message. Logs carry no message text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, HTTPException, Path, Request, status
from pydantic import UUID4, BaseModel, Field, ValidationError

from assistant.deps import KnowledgeDep, RasaClientDep, SettingsDep
from assistant.privacy import CPR_NOTICE, redact_cpr
from assistant.safety import CALL_112_PREFIX, danger_reply, detect_danger
from knowledge.municipalities import registry

logger = logging.getLogger("sundhedsguide.chat")
router = APIRouter(prefix="/api/chat", tags=["chat"])

MESSAGE_TOO_LONG = "Din besked er for lang. Skriv den kortere, højst {limit} tegn."
BODY_INVALID = "Beskeden kunne ikke læses. Prøv igen."
RASA_DOWN = "Assistenten er ikke tilgængelig lige nu. Prøv igen om lidt. Er det akut, så ring 112."
RATE_LIMITED = "Du har skrevet mange beskeder på kort tid. Vent et øjeblik, og prøv igen."
# Bytes of JSON framing allowed on top of the message (UTF-8 may take 4 bytes a character).
BODY_OVERHEAD = 512


class ChatIn(BaseModel):
    """A message from the chat widget."""

    sender: UUID4
    message: str
    municipality: Annotated[
        str | None, Field(max_length=40, pattern=r"^[A-Za-zÆØÅæøåéü .\-]+$")
    ] = None
    """The municipality the widget is embedded for, if the page says so (`data-municipality`)."""


class ChatReply(BaseModel):
    """One message to show: text, and optionally buttons or an image (Rasa's format)."""

    text: str | None = None
    buttons: list[dict[str, Any]] | None = None
    image: str | None = None
    custom: dict[str, Any] | None = None


def _sender_ref(sender: str) -> str:
    """A short, non-reversible reference to a conversation for logs."""
    return hashlib.sha256(sender.encode()).hexdigest()[:12]


async def _rate_limit(request: Request) -> None:
    limiter = request.app.state.rate_limiter
    client = request.client.host if request.client else "unknown"
    if not limiter.hit(request.app.state.rate_limit, "chat", client):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail=RATE_LIMITED)


@router.post(
    "",
    dependencies=[Depends(_rate_limit)],
    responses={
        413: {"description": "Message too long"},
        422: {"description": "Sender is not a UUID4 or the body is malformed"},
        429: {"description": "Too many messages"},
        503: {"description": "Rasa or the action webhook is down"},
    },
)
async def chat(
    request: Request, settings: SettingsDep, rasa: RasaClientDep, knowledge: KnowledgeDep
) -> list[ChatReply]:
    """Send one message to the assistant and return its replies."""
    limit = settings.max_message_chars
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit * 4 + BODY_OVERHEAD:
        # Refuse before reading: a huge message would block Rasa for a long time.
        raise HTTPException(413, detail=MESSAGE_TOO_LONG.format(limit=limit))
    body = await request.body()
    if len(body) > limit * 4 + BODY_OVERHEAD:
        raise HTTPException(413, detail=MESSAGE_TOO_LONG.format(limit=limit))
    try:
        incoming = ChatIn.model_validate_json(body)
    except ValidationError as error:
        fields = sorted({str(e["loc"][0]) for e in error.errors() if e["loc"]})
        raise HTTPException(
            422, detail=BODY_INVALID + f" ({', '.join(fields) or 'body'})"
        ) from None
    if len(incoming.message) > limit:
        raise HTTPException(413, detail=MESSAGE_TOO_LONG.format(limit=limit))
    text, redacted = redact_cpr(incoming.message.strip())
    sender = str(incoming.sender)
    started = time.perf_counter()
    replies: list[ChatReply] = [ChatReply(text=CPR_NOTICE)] if redacted else []
    try:
        payload: dict[str, Any] = {"sender": sender, "message": text}
        if incoming.municipality:
            payload["metadata"] = {"municipality": incoming.municipality}
        response = await rasa.post("/webhooks/rest/webhook", json=payload)
        response.raise_for_status()
        messages = response.json()
    except (httpx.HTTPError, json.JSONDecodeError) as error:
        logger.error(
            "chat failed",
            extra={
                "event": "chat_error",
                "conversation": _sender_ref(sender),
                "error": type(error).__name__,
            },
        )
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=RASA_DOWN) from None
    answers = [ChatReply.model_validate(m) for m in messages if isinstance(m, dict)]
    if not answers:
        # Rasa answers [] when the action webhook failed: tell the user instead of silence.
        answers.append(ChatReply(text=RASA_DOWN))
    danger = detect_danger(text)
    if danger is not None and not any(CALL_112_PREFIX in (a.text or "") for a in answers):
        # The deterministic net: the classifier missed the danger, so say it first.
        found = registry().find(incoming.municipality)
        reply = danger_reply(knowledge, danger, found.region if found else None)
        replies.append(ChatReply(text=reply))
    replies += answers
    logger.info(
        "chat turn",
        extra={
            "event": "chat",
            "conversation": _sender_ref(sender),
            "chars": len(text),
            "cpr_redacted": redacted,
            "danger": danger.value if danger else None,
            "replies": len(replies),
            "ms": round((time.perf_counter() - started) * 1000),
        },
    )
    return replies


@router.delete(
    "/{sender}",
    status_code=204,
    responses={503: {"description": "Rasa is down; nothing was deleted"}},
)
async def forget(
    sender: Annotated[UUID4, Path()], settings: SettingsDep, rasa: RasaClientDep
) -> None:
    """Forget a conversation: replace its tracker in Rasa's tracker store with an empty one."""
    try:
        response = await rasa.put(
            f"/conversations/{sender}/tracker/events",
            params={"token": settings.rasa_token.get_secret_value()},
            json=[],
        )
        response.raise_for_status()
    except httpx.HTTPError as error:
        logger.error(
            "forget failed",
            extra={
                "event": "forget_error",
                "conversation": _sender_ref(str(sender)),
                "error": type(error).__name__,
            },
        )
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=RASA_DOWN) from None
    logger.info(
        "conversation forgotten",
        extra={"event": "forget", "conversation": _sender_ref(str(sender))},
    )

"""The action webhook: Rasa's action-server protocol served by FastAPI on loopback.

Rasa 3.6 POSTs `{next_action, sender_id, tracker, domain, version}` to `/webhook` and expects
`{events, responses}`. rasa-sdk's `ActionExecutor` does the dispatching; this module adds what
a public-sector deployment needs around it: bearer-token auth, deflate bodies, and error replies
that never echo the conversation back into a log or a response.
"""

from __future__ import annotations

import json
import logging
import secrets
import traceback
import zlib
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from assistant.settings import Settings, get_settings

logger = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False)


class InvalidActionCallError(ValueError):
    """The request body is not a Rasa action call."""


def decode_action_call(body: bytes, content_encoding: str | None) -> dict[str, Any]:
    """Parse a webhook body, inflating it first when Rasa compressed it.

    Args:
        body: The raw request body.
        content_encoding: The `Content-Encoding` header, if any.

    Returns:
        The action call as a dict.

    Raises:
        InvalidActionCallError: The body is not (deflated) JSON with a `next_action`.
    """
    if content_encoding and content_encoding.lower() == "deflate":
        try:
            body = zlib.decompress(body)
        except zlib.error as error:
            raise InvalidActionCallError("body is not valid deflate data") from error
    try:
        call = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvalidActionCallError("body is not valid JSON") from error
    if not isinstance(call, dict) or not isinstance(call.get("next_action"), str):
        raise InvalidActionCallError("body has no 'next_action'")
    if call.get("domain") is None and call.get("domain_digest") is None:
        # Rasa 3.6 with `enable_selective_domain` leaves the domain out for actions that did not
        # ask for it (`send_domain: true`) and sends no digest; rasa-sdk 3.21 would answer 449,
        # a status Rasa 3.6 does not know. Such an action runs with an empty domain.
        call["domain"] = {}
    return call


def create_action_app(
    actions_package: str = "actions", settings: Settings | None = None
) -> FastAPI:
    """Build the action webhook app serving the actions found in `actions_package`.

    Args:
        actions_package: Importable package (or module) whose rasa_sdk actions to serve; tests
            pass a fixture package.
        settings: Settings to use; defaults to the process settings.

    Returns:
        The FastAPI app.
    """
    settings = settings or get_settings()
    settings.warn_about_default_secrets()
    executor = ActionExecutor()
    executor.register_package(actions_package)
    expected = settings.action_server_token.get_secret_value().encode()

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> None:
        given = credentials.credentials.encode() if credentials else b""
        if not secrets.compare_digest(given, expected):
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail="missing or wrong bearer token",
                headers={"WWW-Authenticate": "Bearer"},
            )

    app = FastAPI(
        title="Sundhedsguide action webhook",
        summary="Rasa action-server protocol; internal, loopback only.",
        docs_url=None,
        redoc_url=None,
    )

    @app.get("/health")
    async def health() -> dict[str, str]:
        """Liveness probe."""
        return {"status": "ok"}

    @app.get("/actions", dependencies=[Depends(require_token)])
    async def list_actions() -> list[dict[str, str]]:
        """The names of all registered actions."""
        return [{"name": name} for name in executor.actions]

    @app.post("/webhook", dependencies=[Depends(require_token)])
    async def webhook(request: Request) -> JSONResponse:
        """Run the action Rasa asks for and return its events and responses."""
        try:
            call = decode_action_call(await request.body(), request.headers.get("content-encoding"))
        except InvalidActionCallError as error:
            return JSONResponse({"error": str(error)}, status_code=400)

        action_name = call["next_action"]
        try:
            result = await executor.run(call)
        except ActionExecutionRejection as rejection:
            # Rasa needs `action_name` here to let a policy pick another action.
            logger.info("action %s rejected execution", action_name)
            return JSONResponse(
                {"action_name": rejection.action_name, "error": rejection.message},
                status_code=400,
            )
        except ActionNotFoundException as missing:
            logger.warning("unknown action %s requested", action_name)
            return JSONResponse(
                {"action_name": missing.action_name, "error": missing.message},
                status_code=404,
            )
        except Exception as error:
            # The request holds the user's conversation, and an exception's message may quote
            # it: log where it failed (the stack), never the message or the payload.
            stack = "".join(traceback.TracebackException.from_exception(error).stack.format())
            logger.error(
                "action %s failed with %s at:\n%s", action_name, type(error).__name__, stack
            )
            return JSONResponse(
                {"action_name": action_name, "error": f"action failed: {type(error).__name__}"},
                status_code=500,
            )
        if result is None:
            return JSONResponse({"events": [], "responses": []})
        return JSONResponse(result.model_dump())

    return app

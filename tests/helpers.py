"""Builders shared by tests."""

from typing import Any


def action_call(
    action: str, text: str = "hej", slots: dict[str, Any] | None = None, intent: str = "greet"
) -> dict[str, Any]:
    """A request body shaped like the one Rasa 3.6 sends to the action server."""
    return {
        "next_action": action,
        "sender_id": "test-user",
        "version": "3.6.21",
        "domain": {"slots": {}, "responses": {}, "intents": [], "entities": [], "actions": []},
        "tracker": {
            "sender_id": "test-user",
            "slots": slots or {},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.99},
                "entities": [],
                "intent_ranking": [],
            },
            "latest_event_time": 1.0,
            "followup_action": None,
            "paused": False,
            "events": [],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
    }

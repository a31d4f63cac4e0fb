"""What an action needs to know about the conversation so far."""

from __future__ import annotations

from rasa_sdk import Tracker

from knowledge.municipalities import Municipality, registry


def typed_text(tracker: Tracker) -> str:
    """The last message the user typed.

    A button click arrives as a payload such as `/ask_care_home`; the question is then the last
    message before it that was not a payload.
    """
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = str(event.get("text") or "")
        if text and not text.startswith("/"):
            return text
    text = str(tracker.latest_message.get("text") or "")
    return "" if text.startswith("/") else text


def current_municipality(tracker: Tracker) -> Municipality | None:
    """The citizen's municipality: said in the conversation, or set by the embedding page.

    The entity extractor fills the slot; when it missed a name, the typed text is read again
    against the list of all 98 municipalities.
    """
    said = registry().find(tracker.get_slot("municipality"))
    if said is not None:
        return said
    in_text = registry().find_in_text(typed_text(tracker))
    if in_text is not None:
        return in_text
    metadata = tracker.latest_message.get("metadata") or {}
    page = metadata.get("municipality") if isinstance(metadata, dict) else None
    return registry().find(page) if isinstance(page, str) else None


def latest_intent(tracker: Tracker) -> str:
    """Name of the intent of the latest user message ('' if none)."""
    return str((tracker.latest_message.get("intent") or {}).get("name") or "")

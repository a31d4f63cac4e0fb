"""Emergencies, out-of-hours illness, suicide thoughts and requests for medical advice.

Every number comes from the emergency records of the knowledge base; the gateway uses the same
replies for its deterministic safety net.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.context import current_municipality, latest_intent, typed_text
from actions.rendering import render_answer
from actions.shared import get_knowledge
from assistant.safety import Danger, danger_reply, detect_danger

INTENT_DANGER = {
    "suicidal": Danger.SUICIDE,
    "emergency": Danger.EMERGENCY,
    "urgent_illness": Danger.URGENT,
}
MEDICAL_ADVICE = "referral-laegeraad"


class ActionSafety(Action):
    """Answer an emergency, urgent illness or suicide thoughts before anything else."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_safety"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Reply with the numbers that fit the danger and, for out of hours, the region."""
        intent = latest_intent(tracker)
        detected = detect_danger(typed_text(tracker))
        candidates = [d for d in (detected, INTENT_DANGER.get(intent)) if d is not None]
        danger = min(candidates, key=list(Danger).index) if candidates else Danger.EMERGENCY
        municipality = current_municipality(tracker)
        region = municipality.region if municipality else None
        knowledge = get_knowledge()
        text = await asyncio.to_thread(danger_reply, knowledge, danger, region)
        dispatcher.utter_message(text=text)
        return []


class ActionMedicalAdvice(Action):
    """Refer questions about one's own health to the doctor; never give medical advice."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_medical_advice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Say that the doctor answers health questions, from the referral record."""
        knowledge = get_knowledge()
        record = await asyncio.to_thread(knowledge.get, MEDICAL_ADVICE)
        if record is not None:
            dispatcher.utter_message(text=render_answer(record))
        else:
            dispatcher.utter_message(
                text="Jeg kan ikke give råd om dit helbred. Spørg din egen læge."
            )
        dispatcher.utter_message(text=danger_reply(knowledge, Danger.URGENT, None))
        return []

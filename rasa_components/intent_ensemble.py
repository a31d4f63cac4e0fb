"""Average the intent probabilities of two classifiers in one Rasa pipeline.

Rasa keeps only the last intent classifier's answer. `KeepIntentRanking` (after the first
classifier) stores its full ranking on the message; `AverageIntentRankings` (after the second)
averages the stored ranking with the second classifier's and sets the intent from the result.
Both classifiers need `ranking_length: 0` so that every intent has a probability.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

KEPT = "first_intent_ranking"


class _ConfiguredComponent(GraphComponent):
    """A component that learns nothing and is built from its pipeline settings alone."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = {**self.get_default_config(), **(config or {})}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        """Build the component from its pipeline settings."""
        return cls(config)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class KeepIntentRanking(_ConfiguredComponent):
    """Store the current intent ranking for `AverageIntentRankings`."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Copy each message's intent ranking aside before the next classifier overwrites it."""
        for message in messages:
            message.set(KEPT, list(message.get("intent_ranking") or []))
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AverageIntentRankings(_ConfiguredComponent):
    """Set the intent from a weighted average of the kept and the current ranking."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        super().__init__(config)
        self.weight = float(self.config["first_weight"])
        self.ranking_length = int(self.config["ranking_length"])

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Equal weights; the ranking is cut to 10 like Rasa's own classifiers."""
        return {"first_weight": 0.5, "ranking_length": 10}

    def process(self, messages: list[Message]) -> list[Message]:
        """Replace intent and ranking with the weighted average of the two rankings."""
        for message in messages:
            first = {item["name"]: item["confidence"] for item in message.get(KEPT) or []}
            second = {
                item["name"]: item["confidence"] for item in message.get("intent_ranking") or []
            }
            if not first or not second:
                continue
            names = first.keys() | second.keys()
            scores = {
                name: self.weight * first.get(name, 0.0) + (1 - self.weight) * second.get(name, 0.0)
                for name in names
            }
            ranking = sorted(
                ({"name": name, "confidence": float(score)} for name, score in scores.items()),
                key=lambda item: -item["confidence"],
            )
            message.set("intent", ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking[: self.ranking_length], add_to_output=True)
        return messages

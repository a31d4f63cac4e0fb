"""Rasa's count-vector featurizer, producing only what our classifiers read: one row per message.

Our intent classifiers read each message's sentence-level features only
(`sentence_level_diet.py`, `tfidf_logistic_regression.py`), and the entity CRF builds its own
features from the tokens. Rasa's `CountVectorsFeaturizer` still makes a token-by-token matrix for
every message and transforms each message on its own, twice. This subclass transforms all
messages in one call and keeps the sentence rows: the same numbers in the same columns, less
work in training and in every chat message.
"""

from __future__ import annotations

import logging
from typing import Any

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.shared.nlu.training_data.message import Message

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    """`CountVectorsFeaturizer` that adds sentence-level features and no token-level ones."""

    def _create_features(
        self, attribute: str, all_tokens: list[list[str]]
    ) -> tuple[list[Any], list[Any]]:
        """No token-level features; the sentence-level ones of all messages in one transform.

        Rasa's featurizer skips a message without tokens (None), and gives sentence features
        only to the text-like attributes; so does this one.
        """
        vectorizer = self.vectorizers.get(attribute)
        if not vectorizer:
            return [None], [None]
        sequence: list[Any] = [None] * len(all_tokens)
        if attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
            return sequence, [None] * len(all_tokens)
        sentence: list[Any] = [None] * len(all_tokens)
        present = [i for i, tokens in enumerate(all_tokens) if tokens]
        if not present:
            return sequence, sentence
        rows = scipy.sparse.csr_matrix(
            vectorizer.transform([" ".join(all_tokens[i]) for i in present])
        )
        for row, i in enumerate(present):
            vector = rows[row]
            vector.sort_indices()
            sentence[i] = vector.tocoo()
        return sequence, sentence

    def process(self, messages: list[Message]) -> list[Message]:
        """Add each message's sentence features, all messages of an attribute at once."""
        if self.vectorizers is None:
            logger.error("SentenceCountVectorsFeaturizer is not trained; no features added")
            return messages
        for attribute in self._attributes:
            tokens = [
                self._get_processed_message_tokens_by_attribute(message, attribute)
                for message in messages
            ]
            _, sentence = self._create_features(attribute, tokens)
            if len(sentence) != len(messages):  # no vectorizer for this attribute
                continue
            for message, vector in zip(messages, sentence, strict=True):
                self.add_features_to_message(None, vector, attribute, message)
        return messages

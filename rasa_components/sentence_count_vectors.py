"""Rasa's count-vector featurizer without the word-by-word rows of a message's text.

Our intent classifiers read the text's sentence-level features only (`sentence_level_diet.py`,
`tfidf_logistic_regression.py`), and the entity CRF builds its own features from the tokens.
Rasa's `CountVectorsFeaturizer` still makes a token-by-token matrix for every text and
transforms each message on its own, twice. For the text (and the other attributes with
sentence features), this subclass transforms all messages in one call and keeps the sentence
rows: the same numbers in the same columns, less work in training and in every chat message.

Labels (intent and action names, which DIET and TED embed) keep Rasa's features unchanged:
they have token rows only, one short row each.
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
        """Features of one attribute for each message's tokens: (token rows, sentence row).

        Args:
            attribute: The message attribute the tokens come from.
            all_tokens: Each message's tokens of that attribute (empty: not set).

        Returns:
            For the text-like attributes, no token rows and each message's sentence row (None
            where it has no tokens, as in Rasa's). For labels, Rasa's own features.
        """
        vectorizer = self.vectorizers.get(attribute)
        if not vectorizer or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
            return super()._create_features(attribute, all_tokens)
        sequence: list[Any] = [None] * len(all_tokens)
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
        """Add each message's features, all messages of an attribute in one call.

        Args:
            messages: Messages to featurize in place (training examples, or one chat message).

        Returns:
            The same messages.
        """
        if self.vectorizers is None:
            logger.error("SentenceCountVectorsFeaturizer is not trained; no features added")
            return messages
        for attribute in self._attributes:
            tokens = [
                self._get_processed_message_tokens_by_attribute(message, attribute)
                for message in messages
            ]
            sequence, sentence = self._create_features(attribute, tokens)
            if len(sentence) != len(messages):  # no vectorizer for this attribute
                continue
            for message, rows, vector in zip(messages, sequence, sentence, strict=True):
                self.add_features_to_message(rows, vector, attribute, message)
        return messages

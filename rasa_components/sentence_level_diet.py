"""DIET that reads each message's sentence-level features only, for intents without entities.

Our DIET has no transformer layers and no entity recognition (config.yml). Without a
transformer nothing mixes the tokens, so its intent is computed from the message's
sentence-level features alone (the last position of the combined sequence, see Rasa's
`DIETClassifier._batch_loss_intent`). Rasa still embeds every token's sparse features and then
throws the result away. This class swaps the text's token-level (sequence) features for one
dummy token with one zero before DIET builds its tensors, in training and in prediction alike
(Rasa's sequence layer refuses a text without token features). The intent reads the same
sentence features, through far fewer weights: the sparse token features had their own dense
layer, updated every batch.
"""

from __future__ import annotations

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import (
    ENTITY_RECOGNITION,
    FEATURIZERS,
    MASKED_LM,
    NUM_TRANSFORMER_LAYERS,
)
from rasa.utils.tensorflow.model_data import RasaModelData


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SentenceLevelDIETClassifier(DIETClassifier):
    """`DIETClassifier` for intents only, fed the text's sentence-level features."""

    def _check_config_parameters(self) -> None:
        super()._check_config_parameters()
        layers = self.component_config[NUM_TRANSFORMER_LAYERS]
        needs_tokens = {
            ENTITY_RECOGNITION: self.component_config[ENTITY_RECOGNITION],
            MASKED_LM: self.component_config[MASKED_LM],
            NUM_TRANSFORMER_LAYERS: layers.get(TEXT, 0) if isinstance(layers, dict) else layers,
        }
        if any(needs_tokens.values()):
            raise ValueError(
                "SentenceLevelDIETClassifier reads no token-level features, so it needs "
                f"{ENTITY_RECOGNITION}: false, {MASKED_LM}: false and "
                f"{NUM_TRANSFORMER_LAYERS}: 0; got {needs_tokens}"
            )

    def _create_model_data(
        self,
        training_data: list[Message],
        label_id_dict: dict[str, int] | None = None,
        label_attribute: str | None = None,
        training: bool = True,
    ) -> RasaModelData:
        # Rasa combines every message's token features before building tensors (about 7 s for
        # 12,000 training messages); hand it copies that hold the dummy token instead.
        lean = [self._without_token_features(message) for message in training_data]
        return super()._create_model_data(lean, label_id_dict, label_attribute, training)

    def _without_token_features(self, message: Message) -> Message:
        """A copy of `message` whose text has one zero-valued dummy token as its token features."""
        if not any(feature.attribute == TEXT for feature in message.features):
            return message  # no text features (a label-only message): nothing to replace
        # Featurizers that add sentence features only (sentence_count_vectors.py) leave a text
        # without token features; it gets the dummy too.
        features = [
            feature
            for feature in message.features
            if not (feature.attribute == TEXT and feature.type == FEATURE_TYPE_SEQUENCE)
        ]
        # A featurizer list in the config filters features by origin; the dummy must pass it.
        featurizers = self.component_config.get(FEATURIZERS) or []
        origin = featurizers[0] if featurizers else type(self).__name__
        dummy = np.zeros((1, 1), np.float32)
        features.append(Features(dummy, FEATURE_TYPE_SEQUENCE, TEXT, origin))
        return Message(
            data=message.data,
            output_properties=message.output_properties,
            time=message.time,
            features=features,
        )

"""Rasa's logistic regression intent classifier over TF-IDF weighted, length-normalised features.

Rasa's `LogisticRegressionClassifier` fits raw token counts with C=1. A long message from a
relative then has large counts, and its common words outweigh the few that name the question.
Sublinear TF-IDF with L2 normalisation puts a short and a long message on the same scale, and a
weaker regularisation (C=100) lets rare but telling words count. In our pipeline, averaged with
DIET, 3-fold cross-validation on the training data rose from macro-F1 0.853 to 0.866 (config.yml).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

# skops refuses types it does not know unless told; TfidfTransformer keeps its weights in a
# SciPy sparse matrix, plain data. Anything else in the file is still refused.
TRUSTED_TYPES = frozenset({"scipy.sparse._csr.csr_matrix"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TfidfLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Rasa's logistic regression, with TF-IDF weighting in front and its own C.

    Training, prediction, ranking and saving are Rasa's; only the model differs (a
    scikit-learn pipeline). Loading trusts the one extra type that pipeline stores, and fails
    loudly where Rasa's own would quietly go on with an untrained classifier.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Rasa's defaults, more iterations (weak regularisation converges slower) and C."""
        return {**LogisticRegressionClassifier.get_default_config(), "max_iter": 1000, "C": 100.0}

    def __init__(
        self,
        config: dict[str, Any],
        name: str,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf = Pipeline(
            [
                ("tfidf", TfidfTransformer(sublinear_tf=True)),
                (
                    "logistic_regression",
                    LogisticRegression(
                        C=float(self.config["C"]),
                        solver=self.config["solver"],
                        max_iter=int(self.config["max_iter"]),
                        tol=float(self.config["tol"]),
                        random_state=self.config["random_state"],
                        class_weight="balanced",
                    ),
                ),
            ]
        )

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TfidfLogisticRegressionClassifier:
        """Load the trained pipeline saved by `persist`.

        Raises:
            ValueError: The saved file holds a type outside `TRUSTED_TYPES`.
        """
        import skops.io as sio

        with model_storage.read_from(resource) as model_dir:
            saved = model_dir / f"{resource.name}.skops"
            untrusted = set(sio.get_untrusted_types(file=saved))
            if untrusted - TRUSTED_TYPES:
                raise ValueError(
                    f"{saved.name} holds types skops does not trust: "
                    f"{sorted(untrusted - TRUSTED_TYPES)}; retrain the model"
                )
            component = cls(config, execution_context.node_name, model_storage, resource)
            component.clf = sio.load(saved, trusted=sorted(untrusted))
        return component

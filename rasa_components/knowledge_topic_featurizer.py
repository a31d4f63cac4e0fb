"""Sparse features that say which knowledge-base topics a message names.

The knowledge base (`knowledge/data/*.yaml`) gives every record a category and the keywords
citizens use for it: offer and place names ("Holmegaardsparken", "Cura Pleje"), slang ("fys",
"smøger") and misspellings. The training data cannot name them all. This featurizer marks each
token, and the message as a whole, with the categories whose keywords it contains. Training
messages with common keywords ("genoptræning") teach the classifiers what a category feature
means; a rarer keyword of the same category then carries that meaning to a message written
in words the training data lacks.

Words meet by the same normalisation as the knowledge search (`knowledge/text.py`): spaCy's
lookup lemma, the Snowball Danish stem, æ/ø/å folded. The table is built from the YAML at
training time and stored in the model; editing the knowledge needs a retrain (`make` does it).
Municipality names are left out: they say where, not what (the CRF extracts them).

Measured when added (session 7, macro-F1): development split 0.974 -> 0.977, its knowledge-names
part 0.864 -> 0.892, 3-fold cross-validation 0.895 -> 0.898; the held-out split, measured after
the choice, fell 0.916 -> 0.907 (docs/benchmarks.md).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse
import snowballstemmer
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# As knowledge/text.py: a hyphenated word ("SÅR-PLEJE", one spaCy token) meets its compound.
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "-": ""})
_STEMMER = snowballstemmer.stemmer("danish")
TABLE_FILE = "knowledge_topics.json"


def term(lemma: str) -> str:
    """A word's matching form: its lemma's Snowball stem, lower case, æ/ø/å and hyphens folded."""
    return str(_STEMMER.stemWord(lemma.lower())).translate(_FOLD)


def _token_term(token: Token) -> str:
    return term(token.lemma or token.text)


def _is_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True, model_from="SpacyNLP"
)
class KnowledgeTopicFeaturizer(SparseFeaturizer, GraphComponent):
    """Mark the knowledge-base categories whose keywords a message contains."""

    @classmethod
    def required_components(cls) -> list[type]:
        """Tokens with lemmas come from a tokenizer (SpacyTokenizer in our pipeline)."""
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Where the knowledge and the municipality list are, relative to the project root."""
        return {
            **SparseFeaturizer.get_default_config(),
            "knowledge_dir": "knowledge/data",
            "municipalities_file": "knowledge/municipalities.yaml",
        }

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to check beyond the paths, which `train` reads and reports."""

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        categories: list[str] | None = None,
        phrases: list[tuple[tuple[str, ...], int]] | None = None,
    ) -> None:
        super().__init__(execution_context.node_name, config)
        self._model_storage = model_storage
        self._resource = resource
        self.categories = categories or []
        self._by_first_term = self._index(phrases or [])

    @staticmethod
    def _index(
        phrases: list[tuple[tuple[str, ...], int]],
    ) -> dict[str, list[tuple[tuple[str, ...], int]]]:
        """Phrases by their first term, so a message is scanned once, token by token."""
        by_first_term: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
        for terms, category in phrases:
            by_first_term[terms[0]].append((terms, category))
        return by_first_term

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnowledgeTopicFeaturizer:
        """An untrained featurizer; `train` reads the knowledge."""
        return cls(config, model_storage, resource, execution_context)

    def train(self, training_data: TrainingData, model: SpacyModel) -> Resource:
        """Build the keyword table from the knowledge YAML and store it with the model.

        Raises:
            FileNotFoundError: The knowledge directory holds no YAML file.
        """
        files = sorted(Path(self._config["knowledge_dir"]).glob("*.yaml"))
        if not files:
            raise FileNotFoundError(f"no knowledge YAML in {self._config['knowledge_dir']}")
        places = self._municipality_terms(model)
        keywords: dict[str, set[str]] = defaultdict(set)
        for path in files:
            for record in yaml.safe_load(path.read_text(encoding="utf-8"))["records"]:
                keywords[record["category"]].update(record.get("keywords", []))
        self.categories = sorted(keywords)
        phrases: set[tuple[tuple[str, ...], int]] = set()
        for index, category in enumerate(self.categories):
            for keyword in keywords[category]:
                terms = self._phrase_terms(keyword, model)
                if terms and terms not in places:
                    phrases.add((terms, index))
        self._by_first_term = self._index(sorted(phrases))
        with self._model_storage.write_to(self._resource) as directory:
            table = {"categories": self.categories, "phrases": sorted(phrases)}
            (directory / TABLE_FILE).write_text(json.dumps(table, ensure_ascii=False), "utf-8")
        return self._resource

    def _municipality_terms(self, model: SpacyModel) -> set[tuple[str, ...]]:
        listed = yaml.safe_load(Path(self._config["municipalities_file"]).read_text("utf-8"))
        names = set()
        for municipality in listed["municipalities"]:
            names.add(municipality["name"])
            names.update(municipality.get("aliases", []))
        return {self._phrase_terms(name, model) for name in names}

    @staticmethod
    def _phrase_terms(phrase: str, model: SpacyModel) -> tuple[str, ...]:
        doc = model.model(phrase)
        return tuple(term(token.lemma_ or token.text) for token in doc if _is_word(token.text))

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> KnowledgeTopicFeaturizer:
        """Load the keyword table that `train` stored."""
        with model_storage.read_from(resource) as directory:
            table = json.loads((directory / TABLE_FILE).read_text(encoding="utf-8"))
        phrases = [(tuple(terms), int(index)) for terms, index in table["phrases"]]
        return cls(config, model_storage, resource, execution_context, table["categories"], phrases)

    def process_training_data(
        self, training_data: TrainingData, model: SpacyModel | None = None
    ) -> TrainingData:
        """Featurize every training example's text."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message], model: SpacyModel | None = None) -> list[Message]:
        """Add a token-by-category and a message-by-category 0/1 matrix to each message.

        Rasa hands every method of a component with `model_from` the spaCy model; the tokens
        already carry its lemmas, so it is not used here.
        """
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if not tokens:
                continue
            sequence = self.token_categories(tokens)
            sentence = sequence.max(axis=0, keepdims=True)
            self.add_features_to_message(
                scipy.sparse.coo_matrix(sequence), scipy.sparse.coo_matrix(sentence), TEXT, message
            )
        return messages

    def token_categories(self, tokens: list[Token]) -> np.ndarray:
        """For each token, 1.0 in the column of every category whose keyword covers it."""
        # Punctuation is skipped on both sides, so "KOL-forløb" meets "kol forløb".
        words = [(i, _token_term(token)) for i, token in enumerate(tokens) if _is_word(token.text)]
        terms = [word_term for _, word_term in words]
        marks = np.zeros((len(tokens), len(self.categories)))
        for start, first in enumerate(terms):
            for phrase, category in self._by_first_term.get(first, ()):
                end = start + len(phrase)
                if tuple(terms[start:end]) == phrase:
                    for index, _ in words[start:end]:
                        marks[index, category] = 1.0
        return marks

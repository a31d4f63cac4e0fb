"""Train the Rasa model with Rasa's own command line, minus the training cache's bookkeeping.

Run with the Rasa environment's Python: `python scripts/train_rasa.py train --force ...` takes
the arguments of `rasa`. We always train with `--force` and `RASA_MAX_CACHE_SIZE=0`, so Rasa's
training cache is neither read nor written. Rasa still fingerprints every step's output for
that cache: after each featurizer it hashes all training examples (9,600 then) with their
features, written out as text. A py-spy profile on a 2-core machine (2026-11-24) put that at
32 s of a 344 s training.
This script turns the two fingerprinting hooks off.

It also lets independent steps of the training graph run at the same time. Rasa hands the graph to
dask's synchronous scheduler, one step after the other, and most steps use one core: the intent
classifiers (DIET, the regression), the entity CRF and the dialogue policies wait for each other
though none needs another's output. With dask's thread pool (a worker per core, and one more) they
overlap; the sentence encoder, TensorFlow and scikit-learn's solvers leave Python's lock while they
compute. On a 2-core machine (2026-11-25) training took 7 min 0 s instead of 7 min 57 s (157 % CPU
instead of 136 %, peak memory 2.99 GB instead of 2.69 GB), and the model gave the same intent and
the same confidence, to the last digit, for each of the 2,268 development and xSID validation
messages: every step still gets the same inputs, only the order of independent steps changes. The
two TensorFlow models (DIET, TED) still train one at a time, since each resets the process-wide
random seeds (`_one_seeded_model_at_a_time`); the 7 min 0 s above was measured before that lock,
which a review found missing.

And it starts the sentence encoder on the training texts as soon as they are read
(`_embed_training_texts_early`), while the featurizers before it hold Python's lock and use one
core. With that, the encoder's workers on every core (rasa_components/sentence_encoder.py) and the
CRF moved before the encoder (config.yml), one training on a 2-core machine (2026-11-25, same
hour, same data) took 335.8 s instead of 406.5 s, and the model gave the same intents and
confidences for the same 2,268 messages.

Nothing else changes. The script refuses to run when the cache could be used, since there the
fingerprints matter.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from typing import Any

import dask
import dask.threaded
from rasa.engine.training.hooks import TrainingHook

# One worker per core, and one for the sentence encoder's step, which mostly waits for the
# vectors computed ahead (`_embed_training_texts_early`) and would otherwise keep the CRF or a
# policy from starting. More only add memory (each running classifier holds its own copy of the
# features); four at most, since the graph rarely has more independent steps ready at once.
GRAPH_WORKERS = min(4, len(os.sched_getaffinity(0)) + 1)


def _no_fingerprint(*_: Any, **__: Any) -> dict[str, Any]:
    return {}


def _one_seeded_model_at_a_time() -> None:
    """Let no two TensorFlow models of Rasa's train at the same time.

    DIET and TED each set the process-wide random seeds (Python, NumPy, TensorFlow) when built,
    then shuffle their batches with NumPy's global generator: side by side, one would reseed
    the other in mid-training, and the model would depend on timing.
    """
    from rasa.core.policies.ted_policy import TEDPolicy
    from rasa.engine.graph import GraphNode
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier

    seeded = (DIETClassifier, TEDPolicy)
    lock = threading.Lock()
    run_node = GraphNode.__call__

    def call(node: GraphNode, *inputs: Any) -> Any:
        if issubclass(node._component_class, seeded):
            with lock:
                return run_node(node, *inputs)
        return run_node(node, *inputs)

    GraphNode.__call__ = call  # type: ignore[method-assign]


def _embed_training_texts_early() -> None:
    """Start the sentence encoder on the training texts as soon as they are read.

    Its step comes after spaCy, the regex and topic featurizers and the word counts, which hold
    Python's lock, so one core idles while they run; the encoder's C code does not need the
    lock. The featurizer later takes the vectors computed here: the same texts, the same engine,
    the same call, so the same numbers.
    """
    from rasa.engine.graph import GraphNode
    from rasa.shared.nlu.training_data.training_data import TrainingData

    # Imported when the graph is built: by then Rasa has put the project on the path.
    def featurizer_module() -> Any:
        from rasa_components import sentence_embedding_featurizer

        return sentence_embedding_featurizer

    engines: set[str | None] = set()
    make_node = GraphNode.__init__
    run_node = GraphNode.__call__

    def make(node: GraphNode, *args: Any, **kwargs: Any) -> None:
        make_node(node, *args, **kwargs)
        if issubclass(node._component_class, featurizer_module().SentenceEmbeddingFeaturizer):
            engines.add(node._component_config.get("engine"))

    def call(node: GraphNode, *inputs: Any) -> Any:
        name, output = run_node(node, *inputs)
        if name == "nlu_training_data_provider" and isinstance(output, TrainingData):
            for engine in engines:
                featurizer_module().embed_training_texts_ahead(engine, output)
        return name, output

    GraphNode.__init__ = make  # type: ignore[method-assign]
    GraphNode.__call__ = call  # type: ignore[method-assign]


def main() -> None:
    """Run `rasa <arguments>` without the cache's fingerprints, independent steps side by side."""
    arguments = sys.argv[1:]
    if "--force" not in arguments or os.environ.get("RASA_MAX_CACHE_SIZE") != "0":
        raise SystemExit(
            "train_rasa.py: Rasa's training cache needs its fingerprints; "
            "run with --force and RASA_MAX_CACHE_SIZE=0 (as make does), or use `rasa train`"
        )
    TrainingHook.on_before_node = _no_fingerprint  # type: ignore[method-assign]
    TrainingHook.on_after_node = _no_fingerprint  # type: ignore[method-assign,assignment]
    # Rasa's graph runner calls `dask.get` (rasa/engine/runner/dask.py); only Rasa uses dask here.
    dask.get = functools.partial(dask.threaded.get, num_workers=GRAPH_WORKERS)
    _one_seeded_model_at_a_time()
    _embed_training_texts_early()

    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *arguments]
    rasa_main()


if __name__ == "__main__":
    main()

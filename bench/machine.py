"""The machine's speed at the moment of a benchmark: this project's 2-core machine is
shared, and the same code measured an hour apart can differ twofold. Every benchmark
prints this reference beside its figures, so that runs can be compared."""

import os
import time


def reference_seconds() -> float:
    """Best of three: 10 million integer additions in pure Python (lower: faster)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best


def describe() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores, load average {load:.1f}, "
        f"reference loop {reference_seconds():.2f} s (10 M additions)"
    )

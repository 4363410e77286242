"""Splitting whole numbers exactly: largest-remainder shares, interleaved sequences."""

import bisect
import itertools
import math
import random
from collections.abc import Sequence

from tracker.domain.district import District


def largest_remainder(total: int, weights: Sequence[float], floor: int = 0) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (after ``floor`` each, where possible); sums exactly."""
    n = len(weights)
    if n == 0:
        return []
    floor = min(floor, total // n)
    rest = total - floor * n
    mass = sum(weights)
    shares = [rest * w / mass for w in weights] if mass > 0 else [rest / n] * n
    counts = [int(s) for s in shares]
    # ties go to the earlier entry, so the split never depends on anything but the input order
    by_remainder = sorted(range(n), key=lambda i: (-(shares[i] - counts[i]), i))
    for i in by_remainder[: rest - sum(counts)]:
        counts[i] += 1
    return [floor + c for c in counts]


def proportional_with_minimum(total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """Largest remainder; only if a share falls below ``minimum`` is every share given the floor."""
    counts = largest_remainder(total, weights)
    if counts and min(counts) < minimum:
        counts = largest_remainder(total, weights, floor=minimum)
    return counts


def interleave(counts: Sequence[int]) -> list[int]:
    """A sequence holding ``counts[k]`` copies of k, each spread evenly along it."""
    n = sum(counts)
    given = [0] * len(counts)
    out = []
    for step in range(1, n + 1):
        k = max(range(len(counts)), key=lambda j: (counts[j] * step / n - given[j], -j))
        given[k] += 1
        out.append(k)
    return out


def population_weights(districts: Sequence[District]) -> list[float]:
    """Population where known; elsewhere sqrt(area) scaled to people by the districts having both."""
    known = [d for d in districts if d.population and d.area_km2]
    per_root = sum(d.population.value for d in known) / sum(math.sqrt(d.area_km2) for d in known) if known else 1.0
    weights = []
    for d in districts:
        if d.population:
            weights.append(float(d.population.value))
        else:
            weights.append(per_root * math.sqrt(d.area_km2 or 1.0))
    return weights


class Table:
    """Weighted choices drawn with one ``random()`` each: ``rng.choices`` rebuilds its sums every call."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, pairs: Sequence[tuple[object, float]]):
        self.items = tuple(item for item, _ in pairs)
        self.cumulative = tuple(itertools.accumulate(w for _, w in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


def between(rng: random.Random, lo: int, hi: int) -> int:
    """A whole number in [lo, hi]: ``rng.randint`` costs several calls per draw."""
    return lo + int(rng.random() * (hi - lo + 1))


def fit_total(amounts: list[int], total: int, lo: int, hi: int, unit: int) -> list[int]:
    """Rescale ``amounts`` to sum exactly to ``total``, each a multiple of ``unit`` within [lo, hi]."""
    n = len(amounts)
    if not n * lo <= total <= n * hi or total % unit:
        raise ValueError(f"cannot split {total} over {n} amounts within [{lo}, {hi}] in steps of {unit}")
    values = [float(a) for a in amounts]
    pinned = [False] * n
    for _ in range(n + 1):
        free = sum(v for v, p in zip(values, pinned) if not p)
        scale = (total - sum(v for v, p in zip(values, pinned) if p)) / free if free else 1.0
        moved = False
        for i in range(n):
            if pinned[i]:
                continue
            v = values[i] * scale
            if not lo <= v <= hi:
                v, pinned[i], moved = min(max(v, lo), hi), True, True
            values[i] = v
        if not moved:
            break
    out = [min(max(int(round(v / unit)) * unit, lo), hi) for v in values]
    diff = total - sum(out)
    step = unit if diff > 0 else -unit
    order = sorted(range(n), key=lambda i: (-out[i], i))
    while diff:
        moved = False
        for j in order:
            if diff and lo <= out[j] + step <= hi:
                out[j] += step
                diff -= step
                moved = True
        if not moved:
            raise ValueError(f"cannot reach {total} within [{lo}, {hi}] in steps of {unit}")
    return out

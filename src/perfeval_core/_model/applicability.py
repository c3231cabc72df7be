"""Not-applicable indicators (不适用): dropped, and their points given to the rest of the table.

A not-applicable leaf, and a group all of whose leaves do not apply, leave the table; the points
they were worth go to the remaining leaves of their 一级 in proportion to their weights, rounded
so that the weights still add up exactly (largest remainder).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import attrs

from .rules import ZERO, quantize
from .tree import Indicator


def reallocate(roots: tuple[Indicator, ...], places: int) -> dict[tuple[str, ...], Decimal] | None:
    """The weight of every indicator that stays, by path, when some do not apply (else None).

    A not-applicable indicator is dropped, and so is a group all of whose leaves are dropped.
    The points of what is dropped go to the rest of its 一级: every remaining leaf of that 一级
    is scaled by the same factor, so the 一级 keeps its weight. When a whole 一级 is dropped, the
    other 一级 are scaled up to the points of the whole table in the same way. Weights are
    rounded to ``places`` decimals by largest remainder (ties to the earlier), so they still add
    up exactly; a group's weight is the sum of its remaining children.
    """
    if not any(_has_na(r) for r in roots):
        return None
    out: dict[tuple[str, ...], Decimal] = {}
    kept = [r for r in roots if _kept(r)]
    if len(kept) < len(roots):
        full = sum((r.weight for r in roots), ZERO)
        amounts = _allocate(full, [r.weight for r in kept], places)
    else:
        amounts = [r.weight for r in kept]
    for root, amount in zip(kept, amounts, strict=True):
        leaves = _applicable_leaves(root, ())
        if (amount == root.weight and not _has_na(root)) or not leaves:
            _keep(root, (), out)
            continue
        for (path, _), weight in zip(
            leaves, _allocate(amount, [leaf.weight for _, leaf in leaves], places), strict=True
        ):
            out[path] = weight
            for i in range(1, len(path)):
                out[path[:i]] = out.get(path[:i], ZERO) + weight
        for path in _empty_groups(root, ()):  # slots left empty: the checks report them
            for i in range(1, len(path) + 1):
                out.setdefault(path[:i], ZERO)
    return out


def _keep(ind: Indicator, parent: tuple[str, ...], out: dict[tuple[str, ...], Decimal]) -> None:
    """``ind`` and everything below it at their own weights."""
    path = (*parent, ind.name)
    out[path] = ind.weight
    for child in ind.children:
        _keep(child, path, out)


def _has_na(ind: Indicator) -> bool:
    if ind.not_applicable:
        return True
    for child in ind.children:
        if _has_na(child):
            return True
    return False


def _kept(ind: Indicator) -> bool:
    """False when the indicator does not apply, or is a group whose leaves all do not apply."""
    if ind.not_applicable:
        return False
    if not ind.is_group or not ind.children:
        return True
    return any(_kept(c) for c in ind.children)


def _applicable_leaves(
    ind: Indicator, parent: tuple[str, ...]
) -> list[tuple[tuple[str, ...], Indicator]]:
    path = (*parent, ind.name)
    if not _kept(ind):
        return []
    if not ind.is_group:
        return [(path, ind)]
    return [hit for c in ind.children for hit in _applicable_leaves(c, path)]


def _empty_groups(ind: Indicator, parent: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Paths of groups with no children at all (slots left empty) below ``ind``."""
    path = (*parent, ind.name)
    if not ind.is_group or not _kept(ind):
        return []
    if not ind.children:
        return [path]
    return [hit for c in ind.children for hit in _empty_groups(c, path)]


def _allocate(amount: Decimal, parts: list[Decimal], places: int) -> list[Decimal]:
    """``amount`` split in proportion to ``parts``, rounded to ``places`` decimals by largest
    remainder (ties to the earlier part) so that the shares add up to ``amount`` exactly.

    When ``amount`` itself has more decimals than ``places`` (0.51 points at places = 0), the
    shares keep as many decimals as ``amount`` has, or they could not add up to it."""
    total = sum(parts, ZERO)
    if not parts or total <= 0:
        return list(parts)
    places = max(places, -min(0, int(amount.normalize().as_tuple().exponent)))
    unit = Decimal(1).scaleb(-places)
    exact = [amount * p / total for p in parts]
    shares = [e.quantize(unit, rounding=ROUND_FLOOR) for e in exact]
    left = int(((amount - sum(shares, ZERO)) / unit).to_integral_value(rounding=ROUND_HALF_UP))
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: max(0, left)]:
        shares[i] += unit
    return shares


def reweighted_leaf(ind: Indicator, weight: Decimal, places: int) -> Indicator:
    """The leaf at its rescaled weight; a recorded score is scaled with it (it was given
    against the weight the file states)."""
    score = ind.score
    if score is not None and ind.weight:
        score = weight if score == ind.weight else quantize(score * weight / ind.weight, places)
    return attrs.evolve(ind, weight=weight, stated_weight=weight, score=score)


def reweighted_group(ind: Indicator, weight: Decimal) -> Indicator:
    """The group at its rescaled weight: a stated weight that matched its children follows."""
    children_sum = sum((c.weight for c in ind.children), ZERO)
    stated = ind.stated_weight
    if stated is not None and stated == children_sum:
        stated = weight
    return attrs.evolve(ind, weight=weight, stated_weight=stated)

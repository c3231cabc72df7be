"""Not-applicable indicators (不适用): dropped, and their points given to the rest of the table.

A not-applicable leaf, and a group all of whose leaves do not apply, leave the table; the points
they were worth go to the rest of a **pool** — by default their 一级 — in proportion to the
weights there, rounded so that the weights still add up exactly (largest remainder). Which
groups are pools is the framework's ``settings.reallocate``: the 一级 (``"level1"``), the 一级
and the 二级 (``"level2"``), or every group whose weight a file states (``"stated"``); the
whole table is always one.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import attrs

from .rules import ZERO, quantize
from .tree import Indicator

Weights = dict[tuple[str, ...], Decimal]


def reallocate(roots: tuple[Indicator, ...], places: int, mode: str = "level1") -> Weights | None:
    """The weight of every indicator that stays, by path, when some do not apply (else None).

    A not-applicable indicator is dropped, and so is a group all of whose leaves are dropped.
    The points of what is dropped go to the rest of the nearest pool above it (``mode``, see
    the module): the leaves and the pools below that pool — through groups that are not pools
    — are scaled by the same factor, so the pool keeps its weight. A pool that is dropped
    whole gives its points to the pool above in the same way; the whole table keeps its points.
    Weights are rounded to ``places`` decimals by largest remainder (ties to the earlier), so
    they still add up exactly; a group's weight is the sum of its remaining children.
    """
    if not any(_has_na(r) for r in roots):
        return None
    out: Weights = {}
    full = sum((r.weight for r in roots), ZERO)
    _share(roots, (), full, places, mode, out)
    return out


def _is_pool(ind: Indicator, depth: int, mode: str) -> bool:
    """Does the group at ``depth`` (1 for a 一级) keep its points when some below it drop?"""
    if not ind.is_group:
        return False
    if mode == "stated":
        return ind.stated_weight is not None
    return depth == 1 or (mode == "level2" and depth == 2)


def _share(
    children: tuple[Indicator, ...],
    parent: tuple[str, ...],
    amount: Decimal,
    places: int,
    mode: str,
    out: Weights,
) -> None:
    """Give ``amount`` to what stays of ``children`` (the children of the pool at ``parent``)."""
    frontier = _frontier(children, parent, mode)
    if not frontier:
        return
    parts = [ind.weight for _, ind in frontier]
    if amount == sum(parts, ZERO):
        amounts = parts  # nothing to rescale at this level
    else:
        amounts = _allocate(amount, parts, places)
    for (path, ind), share in zip(frontier, amounts, strict=True):
        if ind.is_group:  # a pool
            if (share == ind.weight and not _has_na(ind)) or not _applicable_leaves(ind, path[:-1]):
                _keep(ind, path[:-1], out)
            else:
                _share(ind.children, path, share, places, mode, out)
                out[path] = share
        else:
            out[path] = share
        for i in range(len(parent) + 1, len(path)):  # the groups between the pool and it
            out[path[:i]] = out.get(path[:i], ZERO) + share
    for path in _empty_between(children, parent, mode):
        out.setdefault(path, ZERO)


def _frontier(
    children: tuple[Indicator, ...], parent: tuple[str, ...], mode: str
) -> list[tuple[tuple[str, ...], Indicator]]:
    """The leaves and pools below a pool, through the groups that are not pools, that stay."""
    out: list[tuple[tuple[str, ...], Indicator]] = []
    for child in children:
        path = (*parent, child.name)
        if not _kept(child):
            continue
        if not child.is_group or _is_pool(child, len(path), mode):
            out.append((path, child))
        else:
            out.extend(_frontier(child.children, path, mode))
    return out


def _empty_between(
    children: tuple[Indicator, ...], parent: tuple[str, ...], mode: str
) -> list[tuple[str, ...]]:
    """Groups with no children at all (slots left empty) below a pool and above its frontier,
    with the groups between: they stay, at 0 points (the checks report them)."""
    out: list[tuple[str, ...]] = []
    for child in children:
        path = (*parent, child.name)
        if not child.is_group or not _kept(child) or _is_pool(child, len(path), mode):
            continue
        if not child.children:
            out.extend(path[:i] for i in range(len(parent) + 1, len(path) + 1))
        else:
            out.extend(_empty_between(child.children, path, mode))
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

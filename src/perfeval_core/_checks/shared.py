"""What several checks look at, worked out once per scorecard and kept on it (``card.memo``)."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from .._model.scoring import GroupScore, LeafScore, Scorecard
from .._model.spec import SectionSpec
from .leaves import scoring_verdict


@attrs.frozen
class Shared:
    """The groups in document order, the position of each path, the leaves by their scoring
    verdict (W301–W305) and the narrative's (heading, text)."""

    groups: list[GroupScore]
    order: dict[tuple[str, ...], int]
    verdicts: dict[str, list[LeafScore]]
    sections: list[tuple[str, str]]


def shared(card: Scorecard) -> Shared:
    """The :class:`Shared` facts of ``card``, worked out on first use and kept on the card."""
    found = card.memo.get("checks")
    if isinstance(found, Shared):
        return found
    nodes: list[GroupScore | LeafScore] = []
    _preorder(card.levels, nodes)
    order: dict[tuple[str, ...], int] = {}
    for node in nodes:
        order.setdefault(node.path, len(order))
    verdicts: dict[str, list[LeafScore]] = {}
    for leaf in card.leaves:
        code = scoring_verdict(leaf)
        if code is not None:
            verdicts.setdefault(code, []).append(leaf)
    facts = Shared(
        [n for n in nodes if isinstance(n, GroupScore)], order, verdicts, list(_sections(card))
    )
    card.memo["checks"] = facts
    return facts


def _preorder(nodes: tuple[GroupScore | LeafScore, ...], out: list[GroupScore | LeafScore]) -> None:
    for node in nodes:
        out.append(node)
        if isinstance(node, GroupScore):
            _preorder(node.children, out)


def _sections(card: Scorecard) -> Iterator[tuple[str, str]]:
    narrative = card.evaluation.spec.narrative
    if narrative is None:
        return

    def walk(sections: tuple[SectionSpec, ...]) -> Iterator[tuple[str, str]]:
        for section in sections:
            yield section.heading, section.text
            yield from walk(section.sections)

    if narrative.title:
        yield "title", narrative.title
    yield from walk(narrative.sections)

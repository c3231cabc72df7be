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
    """The :class:`Shared` facts of ``card``, worked out on first use and kept on the card.

    The document order is the scoring plan's (its nodes are numbered groups first, then their
    children, as the tree is read): no walk of the tree here."""
    found = card.memo.get("checks")
    if isinstance(found, Shared):
        return found
    plan = card.plan
    nodes = card.nodes()[0]
    verdicts: dict[str, list[LeafScore]] = {}
    for leaf in card.leaves:
        code = scoring_verdict(leaf)
        if code is not None:
            verdicts.setdefault(code, []).append(leaf)
    groups = [nodes[i] for i, kids in enumerate(plan.children) if kids is not None]
    facts = Shared(groups, plan.order, verdicts, list(_sections(card)))  # type: ignore[arg-type]
    card.memo["checks"] = facts
    return facts


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

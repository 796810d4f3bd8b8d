"""The pieces a trainer can pick on the site's handout builder: every manual aspect and every case
laid out as a handout lays them out, one piece each, headings left unnumbered (the builder numbers
them in the order the trainer picks). Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..site.plans import manual_order
from ..site.resolver import Resolver
from .blocks import Block, Heading
from .outline import Outline


@dataclass(frozen=True)
class Piece:
    id: str
    kind: str
    """aspect or case."""
    title: str
    group: str
    """An aspect's category; a case's region (what the builder groups them under)."""
    blocks: tuple[Block, ...]


def _unnumbered(blocks: list[Block]) -> tuple[Block, ...]:
    return tuple(replace(b, number="") if isinstance(b, Heading) else b for b in blocks)


def builder_pieces(site: Resolver) -> list[Piece]:
    """Every published aspect in the manual's order, then every published case."""
    pieces: list[Piece] = []
    for entry in manual_order(site.kb):
        if site.visible(entry.id):
            out = Outline(site)
            out.aspect(entry, 2, anchor=f"b-{entry.id}")
            pieces.append(Piece(entry.id, "aspect", entry.title, entry.parent or "", _unnumbered(out.blocks)))
    for entry in site.entries("case"):
        out = Outline(site)
        out.case(entry, 2, anchor=f"b-{entry.id}")
        region = site.link(entry.record.region)
        pieces.append(Piece(entry.id, "case", entry.title, region.title if region else "", _unnumbered(out.blocks)))
    return pieces

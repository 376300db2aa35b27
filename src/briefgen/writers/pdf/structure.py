"""Walking a tagged PDF's structure tree (used by the post-processing and by the checks)."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary


def struct_elements(root: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """Every structure element linked below ``root`` through ``/K``, each once, depth-first.

    Marked-content and object references (dictionaries without ``/S``) are not elements.
    """
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, Dictionary) and kid.is_indirect and "/S" in kid and kid.objgen not in seen:
                seen.add(kid.objgen)
                stack.append(kid)
                yield kid


def reachable_elements(root: pikepdf.Object) -> set[tuple[int, int]]:
    """Object ids of all structure elements linked into the tree below ``root``."""
    return {element.objgen for element in struct_elements(root)}

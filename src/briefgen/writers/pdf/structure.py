"""The one walker of a tagged PDF's structure tree: used by the writer's post-processing, by the
checks (text by role, conformance) and by the tests."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary

MAX_DEPTH = 64
"""Deepest chain followed through ``/P`` or ParentTree ``/Kids`` (a damaged file cannot loop us)."""


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


def parent_tree(root: pikepdf.Object) -> dict[int, pikepdf.Object]:
    """The ParentTree of a ``StructTreeRoot``: key → entry (for a page, the array of the
    structure elements of its MCIDs; the arrays are the file's own, so changes stick)."""
    entries: dict[int, pikepdf.Object] = {}
    tree = root.get("/ParentTree")
    if tree is not None:
        _number_tree(tree, entries, 0)
    return entries


def _number_tree(node: pikepdf.Object, into: dict[int, pikepdf.Object], depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    nums = node.get("/Nums")
    if nums is not None:
        for index in range(0, len(nums) - 1, 2):
            into[int(nums[index])] = nums[index + 1]
    for kid in node.get("/Kids", Array()):
        _number_tree(kid, into, depth + 1)


def ancestors(element: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """``element`` and the structure elements above it through ``/P``, nearest first (the
    ``StructTreeRoot``, which has no ``/S``, ends the chain)."""
    node: pikepdf.Object | None = element
    for _ in range(MAX_DEPTH):
        if not isinstance(node, Dictionary) or "/S" not in node:
            return
        yield node
        node = node.get("/P")


def claimed_mcids(root: pikepdf.Object) -> dict[tuple[int, int], set[int]]:
    """The MCIDs that elements of the tree claim through ``/K``, per page object id."""
    claimed: dict[tuple[int, int], set[int]] = {}
    for element in struct_elements(root):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, int) and "/Pg" in element:
                claimed.setdefault(element.Pg.objgen, set()).add(int(kid))
    return claimed


def in_reading_order(root: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The structure elements below ``root`` in document order (each parent before its kids,
    siblings in ``/K`` order), each once; no deeper than ``MAX_DEPTH``."""
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[pikepdf.Object, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if node is not root:
            yield node
        kids = node.get("/K")
        if kids is None or depth >= MAX_DEPTH:
            continue
        below = []
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, Dictionary) and kid.is_indirect and "/S" in kid and kid.objgen not in seen:
                seen.add(kid.objgen)
                below.append((kid, depth + 1))
        stack.extend(reversed(below))

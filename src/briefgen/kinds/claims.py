"""Which claim of which file a text of the positions is, so a rendering can name it.

Templates place claim texts with ``ctx.text(…)``; the objects they pass are the ones the
positions hold. :func:`claim_index` maps each such object (by identity) to its file and field,
so :meth:`~briefgen.kinds.base.Context.text` can mark the text as that claim
(``<span data-claim="03-wonen-mobiliteit.yaml#topics[0].akkoord[1]">``) without any template
naming a path.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.readers.positions import Positions
from briefgen.readers.yamlfile import Located, Path_, format_path
from briefgen.schema.overlay import LOCAL_FILE
from briefgen.schema.positions import Claim

GENERAL_KEY = "_algemeen"
REF_SEPARATOR = "#"


@dataclass(frozen=True)
class ClaimSource:
    """A claim text's place: ``ref`` (``file#field``), the located file and the YAML text."""

    ref: str
    located: Located
    written: str


def file_key(located: Located, overlay_folder: Path | None = None) -> str:
    """How a ref names a file: the position file's name, or ``<overlay folder>/<name>``."""
    name = Path(located.file).name
    return f"{overlay_folder.name}/{name}" if overlay_folder is not None else name


def content_hash(located: Located) -> str:
    """SHA-256 of a file's data (not its bytes: comments and layout do not count)."""
    text = json.dumps(located.data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_index(positions: Positions) -> dict[int, ClaimSource]:
    """``id(text object)`` → where it stands, for every claim text of the positions and overlay."""
    index: dict[int, ClaimSource] = {}
    for obj, key, located, path in _claims(positions):
        text = obj.text if isinstance(obj, Claim) else obj
        index[id(obj)] = ClaimSource(f"{key}{REF_SEPARATOR}{format_path(path)}", located, text)
    return index


def _topic_indexes(located: Located) -> dict[str, int]:
    """Topic id → its index in the file (a left-out topic must not shift the others)."""
    topics = located.data.get("topics", []) if isinstance(located.data, dict) else []
    return {str(item.get("id")): index for index, item in enumerate(topics) if isinstance(item, dict)}


def _claims(positions: Positions) -> Iterator[tuple[Any, str, Located, Path_]]:
    general = positions.files.get(GENERAL_KEY)
    if general is not None:
        key = file_key(general)
        reaction = positions.general.reaction
        yield reaction.lead, key, general, ("reaction", "lead")
        for index, section in enumerate(reaction.sections):
            yield section.text, key, general, ("reaction", "sections", index, "text")
        yield reaction.closing, key, general, ("reaction", "closing")
        yield positions.general.vervolg, key, general, ("vervolg",)
    for theme in positions.themes:
        located = positions.files.get(theme.id)
        if located is None:
            continue
        key = file_key(located)
        yield theme.summary, key, located, ("summary",)
        for index, finding in enumerate(theme.findings):
            yield finding, key, located, ("findings", index)
        indexes = _topic_indexes(located)
        for topic in theme.topics:
            base: Path_ = ("topics", indexes.get(topic.id, 0))
            yield topic.kernboodschap, key, located, (*base, "kernboodschap")
            for field_name in ("akkoord", "betekenis", "risks", "talking_points"):
                for index, claim in enumerate(getattr(topic, field_name)):
                    yield claim, key, located, (*base, field_name, index)
            for index, ask in enumerate(topic.asks):
                yield ask.ask, key, located, (*base, "asks", index, "ask")
                yield ask.why, key, located, (*base, "asks", index, "why")
    yield from _local_claims(positions)


def _local_claims(positions: Positions) -> Iterator[tuple[Any, str, Located, Path_]]:
    overlay = positions.local
    if overlay is None:
        return
    general = overlay.files.get(LOCAL_FILE)
    if general is not None and overlay.general.kernboodschap:
        yield overlay.general.kernboodschap, file_key(general, overlay.folder), general, ("kernboodschap",)
    for theme in overlay.themes.values():
        located = overlay.files.get(theme.theme)
        if located is None:
            continue
        key = file_key(located, overlay.folder)
        if theme.kernboodschap:
            yield theme.kernboodschap, key, located, ("kernboodschap",)
        for t_index, topic in enumerate(theme.topics):
            base: Path_ = ("topics", t_index)
            for index, item in enumerate(topic.betekenis):
                yield item.text, key, located, (*base, "betekenis", index, "text")
            if topic.stance is not None:
                yield topic.stance.reason, key, located, (*base, "stance", "reason")
            for index, ask in enumerate(topic.asks):
                yield ask.ask, key, located, (*base, "asks", index, "ask")
                yield ask.why, key, located, (*base, "asks", index, "why")

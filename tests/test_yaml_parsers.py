"""The YAML reader gives the same data, places and messages with libyaml as without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.readers import yamlfile

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted([*ROOT.glob("positions/*.yaml"), *ROOT.glob("examples/**/*.yaml"), ROOT / "briefgen.yaml"])
BROKEN = {
    "indent.yaml": "a:\n  b: 1\n c: 2\n",
    "alias.yaml": "a: &x 1\nb: *x\n",
    "tag.yaml": "a: !!python/object 1\n",
    "unclosed.yaml": 'a: "open\nb: 2\n',
    "tab.yaml": "a:\n\t- 1\n",
}

pytestmark = pytest.mark.skipif(yamlfile._FastLoader is None, reason="PyYAML without libyaml")


def _both(name: str, raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    yamlfile._parsed.cache_clear()
    fast = yamlfile._parsed(name, raw)
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "_FastLoader", None)
        yamlfile._parsed.cache_clear()
        slow = yamlfile._parsed(name, raw)
    yamlfile._parsed.cache_clear()
    return fast, slow


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_files_read_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(path.name, path.read_bytes(), monkeypatch)
    assert isinstance(fast, yamlfile.Located) and isinstance(slow, yamlfile.Located)
    assert fast.data == slow.data
    assert fast.positions == slow.positions and fast.key_positions == slow.key_positions
    assert fast.raw == slow.raw  # unquoted scalars keep their source text either way (``1.10``)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_files_get_the_same_message(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(name, BROKEN[name].encode(), monkeypatch)
    assert isinstance(fast, yamlfile.Problem)
    assert fast == slow

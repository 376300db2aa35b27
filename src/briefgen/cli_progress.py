"""Build progress: a rich progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Progress = Callable[[str, int, int], None]


@contextmanager
def progress_printer() -> Iterator[Progress]:
    """Yield a progress callback suited to where standard error goes."""
    if not sys.stderr.isatty():

        def plain(doc_id: str, done: int, total: int) -> None:
            print(f"[{done}/{total}] {doc_id}", file=sys.stderr, flush=True)

        yield plain
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("[bold]Building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        transient=True,
    )
    task: Any = None
    with bar:

        def fancy(doc_id: str, done: int, total: int) -> None:
            nonlocal task
            if task is None:
                task = bar.add_task("", total=total)
            bar.update(task, completed=done, description=doc_id)

        yield fancy

"""Build progress: a rich progress bar on a terminal, plain lines otherwise.

Nothing is imported or shown until the first document is done, so a no-op build stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
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

    with ExitStack() as stack:
        bar: Any = None
        task: Any = None

        def fancy(doc_id: str, done: int, total: int) -> None:
            nonlocal bar, task
            if bar is None:
                from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
                from rich.progress import Progress as Bar

                bar = stack.enter_context(
                    Bar(
                        TextColumn("[bold]Building"),
                        BarColumn(),
                        MofNCompleteColumn(),
                        TimeElapsedColumn(),
                        TextColumn("{task.description}"),
                        transient=True,
                    )
                )
                task = bar.add_task("", total=total)
            bar.update(task, completed=done, description=doc_id)

        yield fancy

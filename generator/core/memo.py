"""What the core asks of a per-file memo: ``mkdocs serve`` keeps one between rebuilds
(:class:`generator.serve.filecache.FileCache`) so that an unchanged file is not read, parsed
and validated again. The core runs without one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:  # the memo stores what load and validate produce; they import this module
    from .load import LoadedFile
    from .problems import Problem
    from .validate import ValidRecord

Result = TypeVar("Result")


class FileMemo(Protocol):
    def load(self, path: Path, stamp: tuple, compute: Callable[[], Result]) -> Result:
        """``compute()``'s result for ``path``, reused while ``stamp`` (size, mtime, limits) holds."""
        ...

    def validate(self, file: LoadedFile,
                 compute: Callable[[], tuple[ValidRecord | None, list[Problem]]]) -> tuple[ValidRecord | None, list[Problem]]:
        """Validation of ``file``, reused while the loader hands back the very same parsed file."""
        ...

    def forget_missing(self, present: set[Path]) -> None:
        """Drop files that are gone."""
        ...

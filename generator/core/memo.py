"""What the core asks of a per-file memo: ``mkdocs serve`` keeps one between rebuilds
(:class:`generator.serve.filecache.FileCache`) so that an unchanged file is not read, parsed
and validated again. The core runs without one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

Result = TypeVar("Result")


class FileMemo(Protocol):
    def load(self, path: Path, stamp: tuple, compute: Callable[[], Result]) -> Result:
        """``compute()``'s result for ``path`` (loading it), reused while ``stamp`` (size, mtime,
        limits) holds."""
        ...

    def validate(self, file: Any, compute: Callable[[], Result]) -> Result:
        """``compute()``'s result for a loaded ``file`` (validating it), reused while the loader
        hands back the very same loaded file."""
        ...

    def forget_missing(self, present: set[Path]) -> None:
        """Drop files that are gone."""
        ...

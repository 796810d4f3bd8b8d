"""Per-file results of the load and validate stages, kept between rebuilds of ``mkdocs serve``.

An editor saves one file; the rebuild should not parse and validate the other thousand again.
Both stages depend only on the file itself (its bytes, its folder, the size and depth limits),
so their results are kept per path and reused while the file's size and modification time are
unchanged. Linking is global and always runs in full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..core.load import LoadedFile

Result = TypeVar("Result")


@dataclass
class FileCache:
    loaded: dict[Path, tuple[tuple, object]] = field(default_factory=dict)
    validated: dict[Path, tuple[LoadedFile, object]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def load(self, path: Path, stamp: tuple, compute: Callable[[], Result]) -> Result:
        """``compute()``'s result for ``path``, reused while ``stamp`` (size, mtime, limits) holds."""
        kept = self.loaded.get(path)
        if kept is not None and kept[0] == stamp:
            self.hits += 1
            return kept[1]  # type: ignore[return-value]
        self.misses += 1
        result = compute()
        self.loaded[path] = (stamp, result)
        return result

    def validate(self, file: LoadedFile, compute: Callable[[], Result]) -> Result:
        """Validation of ``file``, reused while the loader hands back the very same parsed file."""
        kept = self.validated.get(file.path)
        if kept is not None and kept[0] is file:
            return kept[1]  # type: ignore[return-value]
        result = compute()
        self.validated[file.path] = (file, result)
        return result

    def forget_missing(self, present: set[Path]) -> None:
        """Drop files deleted since the last build, so the cache never outgrows the library."""
        for store in (self.loaded, self.validated):
            for path in [p for p in store if p not in present]:
                del store[path]

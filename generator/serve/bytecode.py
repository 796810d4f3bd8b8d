"""Compiled Jinja templates kept in memory between rebuilds of ``mkdocs serve``.

MkDocs creates a fresh theme environment for every build, so Material's templates and ours were
parsed and compiled again on each save (a fifth of a rebuild of the embedded library). Jinja stores
the checksum of each template's source with its bytecode and recompiles when the source changed, so
an edited template is never served stale.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        stored = self._store.get(bucket.key)
        if stored is not None:
            bucket.bytecode_from_string(stored)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()

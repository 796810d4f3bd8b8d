"""Everything ``mkdocs serve`` keeps between rebuilds, in one place. The plugin creates it when
MkDocs starts a server and hands its parts to the stages; a build keeps nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .bytecode import MemoryBytecodeCache
from .conversions import ConversionCache
from .documents import DocumentCache
from .filecache import FileCache
from .marked import MarkedPages


@dataclass
class ServeState:
    files: FileCache = field(default_factory=FileCache)
    """Per-file load/validate results, while a file's size and mtime hold."""
    templates: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    """Compiled templates, ours and the theme's."""
    conversions: ConversionCache = field(default_factory=ConversionCache)
    """HTML of pages whose Markdown did not change."""
    documents: DocumentCache = field(default_factory=DocumentCache)
    """Word documents whose content did not change."""
    marked: MarkedPages = field(default_factory=MarkedPages)
    """Glossary marking of pages whose HTML did not change."""

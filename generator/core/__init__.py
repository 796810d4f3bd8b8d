"""The core: load → validate → link, knowing nothing of MkDocs or of pages."""

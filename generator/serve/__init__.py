"""What ``mkdocs serve`` keeps between rebuilds, so that an edit does not redo everything."""

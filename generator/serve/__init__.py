"""The preview: ``hongling serve`` (:mod:`.preview`, :mod:`.server`), which redoes only what an
edit touched, and what ``mkdocs serve`` keeps between its full rebuilds (:mod:`.state`)."""

"""Chinese search for the built site: character-pair tokens (:mod:`tokens`), documents taken from
each page's HTML (:mod:`extract`), a sharded index loaded query by query (:mod:`index`), and the
MkDocs plugin ``hongling-search`` that ties them to the build (:mod:`plugin`). The browser side is
``overrides/assets/javascripts/hongling-search.js``."""

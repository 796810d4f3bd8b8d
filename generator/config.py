"""The ``hongling`` plugin's options in mkdocs.yml, typed, with what each one is for."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HonglingConfig(Config):
    data_dir = c.Type(str, default="data")
    """Folder holding the YAML data (one sub-folder per record kind), relative to mkdocs.yml."""

    manual_categories = c.Type(int, default=9)
    """Number of 大项 the manual must have; 《红领党务通》 has 9. A local manual may differ."""

    manual_aspects = c.Type(int, default=26)
    """Number of 方面 the manual must have in total; 《红领党务通》 has 26."""

    strict = c.Type(bool, default=False)
    """Fail the build on data warnings too, as ``mkdocs build --strict`` and ``hongling build
    --strict`` do. Without it, warnings are logged and the site is built."""

"""The ``hongling`` plugin's options in mkdocs.yml, typed, with what each one is for; their
defaults are :data:`generator.core.settings.DEFAULTS`."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .core.settings import DEFAULTS


class HonglingConfig(Config):
    data_dir = c.Type(str, default=DEFAULTS.data_dir.as_posix())
    """Folder holding the YAML data (one sub-folder per record kind), relative to mkdocs.yml."""

    manual_categories = c.Type(int, default=DEFAULTS.manual_categories)
    """Number of 大项 the manual must have; 《红领党务通》 has 9. A local manual may differ."""

    manual_aspects = c.Type(int, default=DEFAULTS.manual_aspects)
    """Number of 方面 the manual must have in total; 《红领党务通》 has 26."""

    strict = c.Type(bool, default=False)
    """Fail the build on data warnings too, as ``mkdocs build --strict`` and ``hongling build
    --strict`` do. Without it, warnings are logged and the site is built."""

"""Build a data library with the repository's real mkdocs.yml (theme, plugins, nav, validation).

Only what ties the config to the repository's folders changes: docs_dir and the theme's
custom_dir point at the repository, data_dir and the manual's shape at the library under test.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import yaml

from . import REPO

MKDOCS_YML = REPO / "mkdocs.yml"


def site_config(library: Path, *, docs_dir: Path | None = None, **options: Any) -> Path:
    """Write ``library/mkdocs.yml``: the repository's config, reading ``library/data``."""
    config = yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs_dir or REPO / config["docs_dir"])
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "hongling" in plugin:
            plugin["hongling"].update({"data_dir": "data", "manual_categories": 1, "manual_aspects": 1, **options})
    path = library / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def copy_library(source: Path, target: Path) -> Path:
    shutil.copytree(source / "data", target / "data")
    return target


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file under ``root`` (relative path → SHA-256), plus every directory (→ "dir")."""
    hashes = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        hashes[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes

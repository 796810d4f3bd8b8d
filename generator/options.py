"""Settings from what the user set — the ``hongling`` plugin's options in mkdocs.yml, the command
line, and ``SOURCE_DATE_EPOCH`` — decided here, once per command, and passed down as one
:class:`Settings`. Nothing else reads the environment for them. Needs no MkDocs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .core.settings import DEFAULTS, Settings
from .publish.git import last_commit_epoch


def build_epoch(repo_dir: Path | None = None) -> int | None:
    """The build's date: ``SOURCE_DATE_EPOCH`` when set; otherwise, for a repository (``hongling
    build`` and ``pack``), its last commit's date, so that the same commit builds the same bytes;
    otherwise ``None`` (no fixed date)."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH", "")
    if stamp.isdigit():
        return int(stamp)
    return last_commit_epoch(repo_dir) if repo_dir is not None else None


def settings_from(options: Mapping[str, Any], base_dir: Path, epoch: int | None,
                  data_dir: Path | None = None) -> Settings:
    """:class:`Settings` from the plugin's options (relative paths from ``base_dir``, the folder of
    mkdocs.yml); ``data_dir`` overrides the option (``hongling check --data``)."""
    data = data_dir if data_dir is not None else (base_dir / str(options.get("data_dir", DEFAULTS.data_dir))).resolve()
    return Settings(
        data_dir=data,
        manual_categories=int(options.get("manual_categories", DEFAULTS.manual_categories)),
        manual_aspects=int(options.get("manual_aspects", DEFAULTS.manual_aspects)),
        source_date_epoch=epoch,
    )


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may hold !!python/name tags for Markdown extensions."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The ``hongling`` plugin's options in mkdocs.yml, read without MkDocs, so that ``hongling
    check`` and the build agree."""
    if not config_file.is_file():
        return {}
    with config_file.open(encoding="utf-8-sig") as handle:
        config = yaml.load(handle, Loader=_LenientLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "hongling" in plugin:
            return dict(plugin["hongling"] or {})
    return {}

"""Adding a record kind takes what the editing guide's 新增记录类型 says, and nothing more: a schema
module that declares its KIND (and one line in the registry), a template, data — then the JSON
Schema is regenerated. Proven on a copy of the package: an ``event`` (活动) kind gets checked,
linked, its pages, an index, a place among the backlinks of what it cites, and search labels."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO
from tests.support.library import MINIMAL
from tests.support.sitebuild import site_config

EVENT_MODULE = '''"""``event``: a party-building activity (活动) held in a region."""

from __future__ import annotations

from .fields import Line, ListOf, Markdown, PartialDate, Record, Ref, Slug
from .kind import KindSpec, Pages


class Event(Record):
    id: Slug
    """Stable id; the page URL is events/<id>.html."""

    title: Line
    """Name of the activity."""

    date: PartialDate
    """When it was held."""

    region: Ref("region")
    """Where it was held."""

    summary: Markdown
    """What happened."""

    sources: ListOf(Ref("source")) = ()
    """Where it is reported."""


KIND = KindSpec("event", "events", Event, "活动", "title",
                Pages("党建活动", backlink_rank=20, folder="events", template="event.md.j2", index="events/index.md",
                      index_title="党建活动"),
                chinese_keys={"活动名称": "title"})
'''

EVENT_TEMPLATE = '''{% extends "_page.md.j2" %}
{% import "_macros.md.j2" as m with context %}
{% block body %}
# {{ record.title }}

{{ record.date }}，{{ m.inline(links) }}

{{ record.summary | md }}

{{ m.related(related) }}
{% endblock %}
'''

EVENT = """id: party-day
title: 示例县七一主题党日
date: 2023-07
region: county
summary: 全县两新党组织同一天开展主题党日。
sources:
  - src-report
"""


@pytest.fixture(scope="module")
def with_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package, content and theme with the event kind added, and a library using it."""
    root = tmp_path_factory.mktemp("new-kind")
    for folder in ("generator", "content", "overrides"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    schema = root / "generator" / "core" / "schema"
    (schema / "event.py").write_text(EVENT_MODULE, encoding="utf-8")
    registry = (schema / "__init__.py").read_text(encoding="utf-8")
    registry = registry.replace("from . import case,", "from . import case, event,")
    registry = registry.replace("question, handout))", "question, handout, event))")
    (schema / "__init__.py").write_text(registry, encoding="utf-8")
    (root / "generator" / "site" / "templates" / "event.md.j2").write_text(EVENT_TEMPLATE, encoding="utf-8")
    shutil.copytree(MINIMAL / "data", root / "lib" / "data")
    (root / "lib" / "data" / "events").mkdir()
    (root / "lib" / "data" / "events" / "party-day.yml").write_text(EVENT, encoding="utf-8")
    config = site_config(root / "lib", docs_dir=root / "content")  # reads lib/data, a manual of 1 × 1
    config.write_text(config.read_text(encoding="utf-8").replace(str(REPO / "overrides"), str(root / "overrides")),
                      encoding="utf-8")
    return root


def hongling(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, env=env, capture_output=True,
                          text=True, encoding="utf-8")


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return hongling(root, "--config", str(root / "lib" / "mkdocs.yml"), "check")


def test_the_new_kind_is_checked_and_gets_its_json_schema(with_events: Path):
    data = with_events / "lib" / "data"
    clean = check(with_events)
    assert clean.returncode == 0, clean.stdout
    result = hongling(with_events, "schema", "--out", str(with_events / "jsonschema"))
    assert result.returncode == 0 and (with_events / "jsonschema" / "event.schema.json").is_file()
    (data / "events" / "party-day.yml").write_text(EVENT.replace("region: county", "region: countyy"), encoding="utf-8")
    try:
        broken = check(with_events)
    finally:
        (data / "events" / "party-day.yml").write_text(EVENT, encoding="utf-8")
    assert broken.returncode == 1
    assert "events/party-day.yml:4:9: 错误 E-REF 字段 region" in broken.stdout and "county" in broken.stdout
    unknown = EVENT.replace("title:", "活动名称:")
    (data / "events" / "party-day.yml").write_text(unknown, encoding="utf-8")
    try:
        renamed = check(with_events)
    finally:
        (data / "events" / "party-day.yml").write_text(EVENT, encoding="utf-8")
    assert "“活动名称” 应写作 “title”" in renamed.stdout


def test_the_new_kind_gets_pages_an_index_and_backlinks(with_events: Path):
    config = with_events / "lib" / "mkdocs.yml"
    result = hongling(with_events, "--config", str(config), "build", "--strict", "--out", str(with_events / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    site = with_events / "site"
    page = (site / "events" / "party-day.html").read_text(encoding="utf-8")
    assert "示例县七一主题党日" in page and "全县两新党组织同一天开展主题党日" in page
    assert 'href="../regions/county.html"' in page
    index = (site / "events" / "index.html").read_text(encoding="utf-8")
    assert "党建活动" in index and 'href="party-day.html"' in index
    region = (site / "regions" / "county.html").read_text(encoding="utf-8")
    assert "活动" in region and 'href="../events/party-day.html"' in region
    meta = (site / "search" / "meta.js").read_text(encoding="utf-8")
    assert "党建活动" in meta or any("党建活动" in p.read_text(encoding="utf-8") for p in (site / "search" / "d").glob("*.js"))

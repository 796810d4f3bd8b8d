"""The kind registry is complete: every kind states every fact the generic code asks for, and no
other module lists kinds by hand."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from generator import Settings, check
from generator.core.schema import (
    BY_FOLDER,
    BY_NAME,
    CHINESE_KEYS,
    KINDS,
    NESTED,
    kind_label,
    page_kinds,
    pages_of,
    title_field,
)
from generator.site.indexes import INDEX_PLANNERS
from generator.site.plans import PLANNERS, planned_kinds
from generator.site.render import TEMPLATES
from tests.support import REPO
from tests.support.library import MINIMAL

ALL_KINDS = [spec.name for spec in KINDS] + list(NESTED)


def test_names_and_folders_are_unique():
    assert len(BY_NAME) == len(KINDS) and len(BY_FOLDER) == len(KINDS)
    assert not set(NESTED) & set(BY_NAME)


@pytest.mark.parametrize("spec", KINDS, ids=lambda spec: spec.name)
def test_every_kind_states_every_fact(spec):
    fields = spec.model.model_fields
    assert "id" in fields and spec.title_field in fields
    assert spec.label and not spec.label.isascii(), "a Chinese label for readers and editors"
    assert (REPO / "data" / spec.folder).is_dir() and (MINIMAL / "data" / spec.folder).is_dir()
    assert (REPO / "jsonschema" / f"{spec.name}.schema.json").is_file()
    for field in spec.acyclic:
        assert field in fields
    for nested in spec.nested:
        assert nested.field in fields and nested.label
    for word, key in spec.chinese_keys.items():
        assert not word.isascii() and CHINESE_KEYS[word] == key


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_on_the_site_has_one_place(kind):
    pages = pages_of(kind)
    assert pages is not None, f"{kind} is not on the site"
    places = [pages.folder and pages.template, pages.shared, pages.parent]
    assert sum(bool(p) for p in places) == 1 or (pages.folder and not pages.template), places
    assert pages.section and not pages.section.isascii()
    if pages.template:
        assert (TEMPLATES / pages.template).is_file()
    if pages.parent:
        field, holder = pages.parent
        assert pages_of(holder) is not None and pages_of(holder).folder
        assert field in BY_NAME[kind].model.model_fields
    assert title_field(kind) and kind_label(kind) != kind


def test_backlink_ranks_are_distinct():
    ranks = [pages.backlink_rank for _, pages in page_kinds() if pages.backlinked]
    assert len(ranks) == len(set(ranks))


def test_every_planner_and_index_planner_belongs_to_a_kind():
    assert set(PLANNERS) <= set(ALL_KINDS)
    assert set(INDEX_PLANNERS) <= set(ALL_KINDS)
    for kind in INDEX_PLANNERS:
        assert pages_of(kind).index, f"{kind} has an index planner but no index page"
    planned = [kind for kind, _ in planned_kinds()]
    assert sorted(planned) == sorted(kind for kind, pages in page_kinds() if pages.template)


def test_the_minimal_fixture_has_a_record_of_every_kind():
    kb, report = check(Settings(data_dir=MINIMAL / "data", manual_categories=1, manual_aspects=1))
    assert not report.problems
    assert {kind for kind in ALL_KINDS if kb.of_kind(kind)} == set(ALL_KINDS)


# --- nothing else lists kinds -----------------------------------------------------------------


def kind_lists(path: Path, root: Path = REPO) -> list[str]:
    """Lines of ``path`` holding a list, tuple, set or dict literal that names three kinds or more."""
    names = set(ALL_KINDS)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):  # a mapping from kinds to constants (folders, ranks, labels)
            constant = all(isinstance(v, ast.Constant) for v in node.values)
            items = node.keys if constant else []
        else:
            items = node.elts if isinstance(node, ast.List | ast.Tuple | ast.Set) else []
        strings = {item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)}
        if len(strings & names) >= 3:
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_outside_the_registry_lists_kinds():
    schema = REPO / "generator" / "core" / "schema"
    offenders = [hit for path in sorted((REPO / "generator").rglob("*.py")) if schema not in path.parents
                 for hit in kind_lists(path)]
    assert offenders == []


def test_the_list_finder_finds_a_hand_written_kind_list(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('FOLDERS = {"case": "cases", "site": "sites", "region": "regions"}\nOK = ("case", "x")\n'
                      'ORDER = ("case", "site", "aspect")\n')
    assert kind_lists(sample, tmp_path) == ["sample.py:1", "sample.py:3"]

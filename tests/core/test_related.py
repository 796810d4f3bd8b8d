"""Related cases: shared practices weigh more than shared tags; a feature shared by too many cases
carries no signal; an editor's own links come first; results are reproducible."""

from __future__ import annotations

from dataclasses import replace

from generator import Settings, check
from generator.core.related import related_cases
from tests.support.library import Library

CASE = """id: {id}
title: {title}
brand: “{title}”
kind: 工作案例
region: {region}
summary: 概况。
practices:
  - name: 做法
{practice}    description: 做法。
tags:
{tags}sources:
  - src-report
"""


def add_case(library: Library, case_id: str, title: str, region: str = "county", practice: bool = False,
             tags: tuple[str, ...] = ()) -> None:
    library.write(f"cases/{case_id}.yml", CASE.format(
        id=case_id, title=title, region=region, practice="    practice: demo-practice\n" if practice else "",
        tags="".join(f"  - {t}\n" for t in tags) or "  - 其他\n"))


def records_of(library: Library):
    from generator.core.load import load_library
    from generator.core.validate import validate

    settings = Settings(data_dir=library.data, manual_categories=1, manual_aspects=1)
    records, problems = validate(load_library(settings).files, settings.build_year)
    assert not problems
    return records, settings


def test_a_shared_practice_outweighs_a_shared_tag(library):
    add_case(library, "by-practice", "甲", region="province", practice=True)
    add_case(library, "by-tag", "乙", region="province", tags=("认证",))
    records, settings = records_of(library)
    assert related_cases(records, settings)["demo-case"][:2] == ("by-practice", "by-tag")


def test_a_feature_shared_by_too_many_cases_is_ignored(library):
    for n in range(3):
        add_case(library, f"same-region-{n}", f"同地{n}")
    records, settings = records_of(library)
    assert set(related_cases(records, settings)["demo-case"]) == {f"same-region-{n}" for n in range(3)}
    few = replace(settings, related_common_feature=3)  # the region is now shared by four cases: too common
    assert related_cases(records, few)["demo-case"] == ()


def test_editors_links_come_first_and_drafts_are_left_out(library):
    add_case(library, "linked", "丙", region="province")
    add_case(library, "draft-one", "丁", practice=True)
    library.replace("cases/draft-one.yml", "kind: 工作案例", "kind: 工作案例\nstatus: draft")
    library.replace("cases/demo-case.yml", "tags:\n  - 认证", "related:\n  - linked\ntags:\n  - 认证")
    records, settings = records_of(library)
    related = related_cases(records, settings)
    assert related["demo-case"][0] == "linked"
    assert "draft-one" not in related and "draft-one" not in related["demo-case"]


def test_the_same_library_gives_the_same_answer(library):
    for n in range(6):
        add_case(library, f"case-{n}", f"案例{n}", practice=n % 2 == 0, tags=("认证",) if n % 3 else ())
    records, settings = records_of(library)
    first = related_cases(records, settings)
    assert first == related_cases(list(records), settings)
    assert all(len(ids) <= settings.related_limit for ids in first.values())
    kb, _ = check(Settings(data_dir=library.data, manual_categories=1, manual_aspects=1))
    assert kb.related == first

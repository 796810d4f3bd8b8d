"""Planning under the preview: after any sequence of edits, the plans and Markdown the preview
keeps equal those of a fresh build, while an edit plans again only what read the edited record."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from jinja2 import FileSystemLoader

from benchmarks.synth import generate
from generator import Settings, check
from generator.core.kb import KnowledgeBase
from generator.handouts.outline import all_handouts
from generator.handouts.pieces import builder_pieces
from generator.pipeline import run
from generator.serve.filecache import FileCache
from generator.serve.incremental import IncrementalPlan, MarkdownPages
from generator.site.plan import units
from generator.site.plans import Context
from generator.site.render import TEMPLATES, environment
from generator.site.resolver import Resolver
from generator.site.tracking import RESOLVER_STATE
from tests.support import REPO


class Preview:
    """The preview's planning on a library: check with the per-file cache, plan incrementally."""

    def __init__(self, data: Path, templates: Path = TEMPLATES) -> None:
        self.settings = Settings(data_dir=data)
        self.files = FileCache()
        self.plan = IncrementalPlan()
        env = environment()
        env.loader = FileSystemLoader(str(templates))
        self.markdown = MarkdownPages(self.plan, env, templates)

    def update(self, lazily: bool = True):
        kb, report = check(self.settings, self.files)
        assert not report.errors, [(p.code, p.file, p.message) for p in report.errors]
        return self.markdown.update(kb, (lambda src_uri: False) if lazily else (lambda src_uri: True))

    def assert_same_as_a_fresh_build(self) -> None:
        fresh = run(self.settings)
        assert list(self.plan.order) == list(fresh.pages), "pages or their order differ"
        different = [src_uri for src_uri, text in fresh.pages.items() if self.markdown.get(src_uri) != text]
        assert different == []


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    generate(tmp_path / "data", cases=24, sites=60, seed=3)
    return tmp_path / "data"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_after_every_edit_the_plans_and_markdown_equal_a_fresh_build(synthetic):
    preview = Preview(synthetic)
    first = preview.update()
    preview.assert_same_as_a_fresh_build()
    cases = synthetic / "cases"
    case = cases / "case-5.yml"
    text = case.read_text(encoding="utf-8")
    kb, _ = check(preview.settings)
    site = next(e.id for e in kb.of_kind("site") if len(kb.referrers(e.id)) == 1)
    holder = cases / f"{kb.referrers(site)[0].id}.yml"
    category = synthetic / "manual" / "category-0.yml"
    term = sorted((synthetic / "glossary").glob("*.yml"))[0]
    region = synthetic / "regions" / "county-3.yml"

    steps = [
        lambda: edit(case, "summary: |\n  ", "summary: |\n  改过的摘要"),
        lambda: edit(case, "title: ", "title: 改名"),
        lambda: (cases / "case-new.yml").write_text(text.replace("id: case-5", "id: case-new").replace(
            "title: ", "title: 新增", 1), encoding="utf-8"),
        lambda: ((synthetic / "sites" / f"{site}.yml").unlink(), edit(holder, f"  - {site}\n", "")),
        lambda: edit(case, "kind: 党建品牌", "kind: 党建品牌\nstatus: draft"),
        lambda: edit(case, "status: draft\n", ""),
        lambda: (cases / "case-new.yml").unlink(),
        lambda: edit(category, "title: ", "title: 新的"),
        lambda: edit(term, "definition: ", "definition: 新的释义。"),
        lambda: edit(region, "parent: city-3", "parent: city-4"),
    ]
    for step in steps:
        step()
        update = preview.update()
        assert update.planned + update.pending < first.planned / 2, "an edit planned half the site again"
        preview.assert_same_as_a_fresh_build()


def test_a_page_that_only_links_to_a_record_is_not_planned_again_when_its_content_changes(synthetic):
    preview = Preview(synthetic)
    preview.update()
    case = synthetic / "cases" / "case-5.yml"
    assert "case-5" in repr(preview.plan.plans["sources.md"].context), "the sources page lists the case"

    edit(case, "summary: |\n  ", "summary: |\n  改过的摘要")
    preview.update()
    assert "case:case-5" in preview.plan.pending, "the case's own page is planned again"
    assert "index:source" not in preview.plan.pending, "the sources page only shows its title"

    edit(case, "title: ", "title: 改名")
    preview.update()
    assert "index:source" in preview.plan.pending
    preview.assert_same_as_a_fresh_build()


def test_a_changed_template_renders_again_the_pages_that_use_it(synthetic, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    preview = Preview(synthetic, templates)
    preview.update(lazily=False)
    for src_uri in preview.plan.order:
        preview.markdown.get(src_uri)

    edit(templates / "case.md.j2", "{% block body %}\n", "{% block body %}\n模板改过\n\n")
    stale = preview.markdown.templates_changed()
    assert stale == {src_uri for src_uri, page in preview.plan.plans.items() if page.template == "case.md.j2"}
    assert all("模板改过" in preview.markdown.get(src_uri) for src_uri in stale)

    edit(templates / "_page.md.j2", "---\n\n", "---\n\n全站模板改过\n\n")
    assert preview.markdown.templates_changed() == set(preview.plan.order), "every page extends _page.md.j2"
    assert preview.markdown.templates_changed() == set()


def test_every_planner_call_declares_the_pages_it_makes():
    kb, report = check(Settings(data_dir=REPO / "data"))
    assert not report.errors
    site = Resolver(kb)
    ctx = Context.of(site, all_handouts(site), builder_pieces(site))
    assert {"builder", "index:form", "index:question"} <= {unit.key for unit in units(ctx)}
    for unit in units(ctx):
        assert tuple(page.src_uri for page in unit.plan(ctx)) == unit.pages, unit.key


def test_the_resolver_keeps_no_state_that_tracking_does_not_see():
    assert set(vars(Resolver(KnowledgeBase({}, {})))) == RESOLVER_STATE


def test_random_edits_keep_the_plans_equal_to_a_fresh_build(synthetic):
    """Twenty random edits (fixed seed) of the kinds an editor makes; an edit that breaks the data
    is undone, as the editor would fix it, and every other one is compared with a fresh build."""
    rng = random.Random(18)
    words = ["党建引领", "两个覆盖", "三会一课", "红旗支部", "新标签", "党员先锋岗"]

    def files(folder: str) -> list[Path]:
        return sorted((synthetic / folder).glob("*.yml"))

    def sub(folder: str, pattern: str, new: str) -> None:
        path = rng.choice(files(folder))
        path.write_text(re.sub(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")

    def new_case() -> None:
        path = rng.choice(files("cases"))
        text = path.read_text(encoding="utf-8").replace(f"id: {path.stem}", f"id: case-x{rng.randint(0, 999)}")
        (path.parent / f"{text.split('id: ', 1)[1].split()[0]}.yml").write_text(text, encoding="utf-8")

    edits = [
        lambda: sub("cases", r"^title: ", f"title: {rng.choice(words)}"),
        lambda: sub("cases", r"^summary: \|\n  ", f"summary: |\n  {rng.choice(words)}"),
        lambda: sub("cases", r"^region: .*$", f"region: county-{rng.randint(0, 19)}"),
        lambda: sub("cases", r"^year: .*$", f"year: {rng.randint(2010, 2024)}"),
        lambda: sub("cases", r"^tags:\n  - .*$", f"tags:\n  - {rng.choice(words)}"),
        lambda: sub("cases", r"^kind: 党建品牌$", "kind: 党建品牌\nstatus: draft"),
        lambda: sub("cases", r"^status: draft\n", ""),
        lambda: sub("sites", r"^name: ", f"name: {rng.choice(words)}"),
        lambda: sub("sites", r"^kind: .*$", f"kind: {rng.choice(['红旗支部', '工作室', '党建联盟'])}"),
        lambda: sub("regions", r"^name: ", "name: 新"),
        lambda: sub("practices", r"^name: ", "name: 新"),
        lambda: sub("glossary", r"^term: (.*)$", r"term: \1新"),
        lambda: sub("manual", r"^    title: ", "    title: 新"),
        lambda: sub("sources", r"^title: ", "title: 新"),
        new_case,
        lambda: [path.unlink() for path in files("cases") if path.stem.startswith("case-x")][:1],
    ]
    preview = Preview(synthetic)
    preview.update()
    compared = 0
    for _ in range(20):
        before = {path: path.read_bytes() for path in synthetic.rglob("*.yml")}
        rng.choice(edits)()
        if check(preview.settings)[1].errors:
            for path in set(synthetic.rglob("*.yml")) - set(before):
                path.unlink()
            for path, data in before.items():
                path.write_bytes(data)
            continue
        preview.update()
        preview.assert_same_as_a_fresh_build()
        compared += 1
    assert compared >= 15


def test_edits_of_templates_questions_dues_and_figures_plan_again_only_what_shows_them(tmp_path):
    """On the embedded library (blank templates, the 题库, courses' self-tests, exams, the handout
    builder, the 党费 tools): each edit plans again the pages that show the edited record, units of
    no other kind, and leaves plans and Markdown equal to a fresh build's."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    data = tmp_path / "data"
    preview = Preview(data)
    preview.update()
    changes = [
        ([("forms/dangfei-dengji.yml", "title: 党费收缴登记表", "title: 党费收缴登记簿")],
         {"index:form"}, ("index:",)),
        ([("questions/q-dangfei-shoujiao-01.yml", "税后工资收入6000元", "税后工资收入6001元")],
         {"index:question", "aspect:dangfei-shoujiao", "builder", "handout:dangfei-yu-zuzhi-shenghuo"},
         ("index:", "aspect:dangfei-shoujiao", "builder", "handout:", "curriculum:")),
        ([("manual/dangfei.yml", "          rate: 2%", "          rate: 2.5%"),
          ("manual/dangfei.yml", "amount: 200.02", "amount: 250.03"), ("manual/dangfei.yml", "amount: 360\n", "amount: 450\n")],
         {"aspect:dangfei-shoujiao"}, ("index:", "category:dangfei", "aspect:dangfei-", "builder", "handout:")),
        ([("cases/gaoxin-sanzhuan.yml", "    value: 932\n", "    value: 933\n"),
          ("cases/gaoxin-sanzhuan.yml", "共有932家", "共有933家")],
         {"case:gaoxin-sanzhuan", "builder"},
         ("index:", "case:gaoxin-sanzhuan", "aspect:", "practice:", "region:", "builder", "handout:", "curriculum:")),
    ]
    question = (data / "questions/q-dangfei-shoujiao-01.yml").read_text(encoding="utf-8")
    changes.append(([("questions/q-dangfei-shoujiao-99.yml", "", question.replace("-01\n", "-99\n", 1))],
                    {"index:question", "aspect:dangfei-shoujiao", "builder"},
                    ("index:", "aspect:dangfei-shoujiao", "builder", "handout:", "curriculum:")))
    for edits, must, allowed in changes:
        for rel, old, new in edits:
            if old:
                edit(data / rel, old, new)
            else:  # a new file
                (data / rel).write_text(new, encoding="utf-8")
        update = preview.update()
        planned_again = set(preview.plan.pending)
        assert update.planned == 0 and must <= planned_again, (edits[0], sorted(planned_again))
        assert [key for key in planned_again if not key.startswith(allowed)] == [], edits[0]
        preview.assert_same_as_a_fresh_build()

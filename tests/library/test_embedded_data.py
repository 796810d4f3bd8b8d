"""The embedded library: checks clean, and every figure is traceable to its seed document."""

from __future__ import annotations

import re

import pytest

from generator import Settings, check
from generator.core.numerals import number_forms
from generator.core.schema.case import QUALIFIER_AFTER_UNIT, QUALIFIER_BEFORE
from tests.support import REPO

ROOT = REPO
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def kb_and_report():
    return check(Settings(data_dir=ROOT / "data"))


def metrics(kb):
    for entry in kb.of_kind("case"):
        for index, metric in enumerate(entry.record.metrics):
            yield entry, index, metric


def seed_text(kb, source_id: str) -> str:
    source = kb.get(source_id).record
    assert source.seed_file, f"{source_id} names no seed_file"
    return (SEEDS / source.seed_file).read_text(encoding="utf-8")


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not beside this clone")


@needs_seeds
def test_every_quote_is_verbatim_in_its_seed(kb_and_report):
    kb, _ = kb_and_report
    missing = [f"{e.id} metrics[{i}] {m.quote!r}" for e, i, m in metrics(kb)
               if m.quote not in seed_text(kb, m.source)]
    assert missing == []


def qualifier_in_quote(quote: str, metric) -> set[str]:
    """Qualifiers written right next to the figure in the quote."""
    found = set()
    numeral = set("0123456789.〇零一二三四五六七八九十百千万两")
    for form in sorted(number_forms(metric.value), key=len, reverse=True):
        for match in re.finditer(re.escape(form), quote):
            before, after = quote[: match.start()], quote[match.end():]
            if (before and before[-1] in numeral) or (after and after[0] in numeral):
                continue  # part of a longer number (十 inside 五十)
            if before:
                found |= {q for q in QUALIFIER_BEFORE if before.endswith(q)}
            if after:
                found |= {q for q in ("余", "多") if after.startswith(q)}
                rest = after[len(metric.unit):] if after.startswith(metric.unit) else ""
                found |= {q for q in QUALIFIER_AFTER_UNIT if rest.startswith(q)}
            if found:
                return found
    return found


@needs_seeds
def test_qualifiers_next_to_a_figure_are_kept(kb_and_report):
    kb, _ = kb_and_report
    lost = [f"{e.id} metrics[{i}] {m.quote!r}: qualifier {m.qualifier!r}, quote says {sorted(q)}"
            for e, i, m in metrics(kb) if (q := qualifier_in_quote(m.quote, m)) and m.qualifier not in q]
    assert lost == []


@needs_seeds
def test_years_stated_in_a_quote_are_kept(kb_and_report):
    kb, _ = kb_and_report
    lost = []
    for entry, index, metric in metrics(kb):
        years = set(re.findall(r"((?:19|20)\d\d)年", metric.quote))
        if years and str(metric.value) not in years and metric.year is None \
                and not any(y in (metric.period or "") for y in years):
            lost.append(f"{entry.id} metrics[{index}] {metric.quote!r} states {sorted(years)}")
    assert lost == []


@needs_seeds
def test_every_seed_document_has_a_source_record(kb_and_report):
    kb, _ = kb_and_report
    named = {e.record.seed_file for e in kb.of_kind("source") if e.record.seed_file}
    assert named == {p.name for p in SEEDS.glob("*.txt")}


def test_embedded_library_checks_clean_even_in_strict_mode(kb_and_report):
    kb, report = kb_and_report
    assert report.problems == []
    counts = kb.counts()
    assert counts["category"] == 9 and counts["aspect"] == 26
    assert counts["case"] >= 5 and counts["source"] >= 5


def test_every_case_cites_figures_with_qualifiers_where_the_seeds_hedge(kb_and_report):
    kb, _ = kb_and_report
    hedged = [m for _, _, m in metrics(kb) if m.qualifier]
    assert len(hedged) >= 30
    changqing = kb.get("changqing-hongse-ningjuli").record
    assert any(m.value == 200 and m.qualifier == "余" and m.unit == "名" for m in changqing.metrics)


INDEX_PAGES = ("index.html", "handbook/index.html", "cases/index.html", "sites/index.html", "practices/index.html",
               "regions/index.html", "courses/index.html", "glossary.html", "sources.html", "statistics.html",
               "browse/region.html", "browse/practice.html", "browse/org-type.html", "browse/year.html",
               "browse/tag.html", "browse/site-kind.html")


def test_every_record_is_reachable_from_an_index_page(kb_and_report, built_site):
    """A reader who starts at the indexes can reach every record: pages by link, terms and sources
    by anchor."""
    linked: set[str] = set()
    for index in INDEX_PAGES:
        page = (built_site / index).read_text(encoding="utf-8")
        base = index.rsplit("/", 1)[0] + "/" if "/" in index else ""
        for href in re.findall(r'href="([^"#:]+\.html)(?:#[^"]*)?"', page):
            parts = (base + href).split("/")
            resolved: list[str] = []
            for part in parts:
                if part == "..":
                    resolved.pop()
                elif part not in ("", "."):
                    resolved.append(part)
            linked.add("/".join(resolved))
    kb, _ = kb_and_report
    folders = {"case": "cases", "site": "sites", "practice": "practices", "region": "regions",
               "curriculum": "courses", "category": "handbook", "aspect": "handbook"}
    unreachable = [f"{kind} {entry.id}" for kind, folder in folders.items() for entry in kb.of_kind(kind)
                   if f"{folder}/{entry.id}.html" not in linked]
    assert unreachable == []
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    sources = (built_site / "sources.html").read_text(encoding="utf-8")
    assert [e.id for e in kb.of_kind("term") if f'id="{e.id}"' not in glossary] == []
    assert [e.id for e in kb.of_kind("source") if f'id="{e.id}"' not in sources] == []


JARGON = ["两新组织", "新兴领域", "两个覆盖", "三会一课", "六有", "五星五强", "双强六好", "2510", "1+7+N", "1+X", "三对一", "四个一", "五个一", "六个一", "三亮三比", "三先", "三张清单", "四金服务", "二三四五", "红色薪酬", "政委体系", "八大员", "六个清"]


def test_glossary_defines_the_jargon_of_the_seeds(kb_and_report):
    kb, _ = kb_and_report
    words = {w for e in kb.of_kind("term") for w in (e.record.term, *e.record.aliases)}
    assert [w for w in JARGON if not any(w == x or w in x for x in words)] == []

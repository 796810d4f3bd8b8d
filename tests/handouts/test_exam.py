"""Exams (试卷) from the question bank: drawn by aspects and counts per kind, the same paper from
the same seed, an answer sheet and a scoring key that match the paper question by question; from
a handout's YAML at build time and from ``hongling exam`` on the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document

from generator.cli import main
from generator.core.schema.question import answer_key
from generator.handouts.exam import draw, resolve_aspects
from tests.support import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
QUESTION = re.compile(r"^(\d+)\.（(单选|多选|判断|简答)题）(.*?)(（\s*）)?$")
PART = re.compile(r"^[一二三四]、(单项选择题|多项选择题|判断题|简答题)（共 (\d+) 题，每题 (\d+) 分，共 (\d+) 分）$")
KINDS = {"单项选择题": "单选", "多项选择题": "多选", "判断题": "判断", "简答题": "简答"}


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def exam(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """``hongling exam`` with these arguments, in this process (the data is read each time)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def run(*args: str) -> Ran:
        code = main(["--config", str(REPO / "mkdocs.yml"), "exam", *args])
        out = capsys.readouterr()
        return Ran(code, out.out, out.err)

    return run


def files(folder: Path, name: str = "试卷") -> list[bytes]:
    return [(folder / f"{name}{suffix}.docx").read_bytes() for suffix in ("", "-答题卡", "-参考答案")]


def paper_questions(path: Path) -> list[tuple[int, str, str]]:
    """(number, kind, stem) of every question on a paper, and the kind of the part it is in."""
    found, part = [], ""
    for paragraph in Document(str(path)).paragraphs:
        text = paragraph.text.strip()
        if heading := PART.match(text):
            part = KINDS[heading.group(1)]
        elif question := QUESTION.match(text):
            assert question.group(2) == part, f"question {question.group(1)} is in the part of {part}"
            found.append((int(question.group(1)), question.group(2), question.group(3).strip()))
    return found


def grids(path: Path) -> dict[int, str]:
    """Question number → what the answer grid holds under it (答题卡 empty, key the answer), and
    the short answers' boxes (N. 答：) or points (N. 参考要点)."""
    out: dict[int, str] = {}
    document = Document(str(path))
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        if head[0] == "题号" and head[1].isdigit():
            for number, cell in zip(head[1:], table.rows[1].cells[1:], strict=True):
                out[int(number)] = cell.text
        elif box := re.match(r"^(\d+)\. 答：$", head[0]):
            out[int(box.group(1))] = "简答"
    for paragraph in document.paragraphs:
        if points := re.match(r"^(\d+)\. 参考要点（(\d+) 分）：$", paragraph.text):
            out[int(points.group(1))] = "简答"
    return out


def test_the_same_seed_gives_the_same_paper_byte_for_byte_and_another_seed_another(tmp_path: Path, exam):
    args = ("--aspects", "组织生活", "党费", "--单选", "6", "--多选", "3", "--判断", "5", "--简答", "2")
    for folder, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        result = exam(*args, "--seed", seed, "--out", str(tmp_path / folder))
        assert result.returncode == 0, result.stderr
        assert f"抽题种子 {seed}" in result.stdout
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert paper_questions(tmp_path / "a" / "试卷.docx") != paper_questions(tmp_path / "c" / "试卷.docx")


def test_chinese_and_ascii_options_make_the_same_exam(tmp_path: Path, exam):
    chinese = exam("--方面", "三会一课,党费收缴", "--单选", "3", "--判断", "2", "--种子", "3", "--输出", str(tmp_path / "zh"))
    ascii_ = exam("--aspects", "sanhui-yike", "dangfei-shoujiao", "--single", "3", "--judge", "2", "--seed", "3",
                  "--out", str(tmp_path / "en"))
    assert chinese.returncode == ascii_.returncode == 0, chinese.stderr + ascii_.stderr
    assert files(tmp_path / "zh") == files(tmp_path / "en")


def test_the_answer_sheet_and_the_key_match_the_paper(tmp_path: Path, site, exam):
    result = exam("--aspects", "组织生活", "党费", "--单选", "6", "--多选", "3", "--判断", "5", "--简答", "2",
                  "--分值", "单选=2", "简答=15", "--seed", "11", "--minutes", "60", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    questions = paper_questions(tmp_path / "试卷.docx")
    assert [n for n, _, _ in questions] == list(range(1, 17))
    assert [k for _, k, _ in questions] == ["单选"] * 6 + ["多选"] * 3 + ["判断"] * 5 + ["简答"] * 2
    sheet = grids(tmp_path / "试卷-答题卡.docx")
    assert sorted(sheet) == list(range(1, 17)), "the answer sheet has a place for every question, once"
    assert all(sheet[n] == ("简答" if kind == "简答" else "") for n, kind, _ in questions)
    key = grids(tmp_path / "试卷-参考答案.docx")
    by_stem = {e.record.stem: e.record for e in site.kb.of_kind("question")}
    for number, kind, stem in questions:
        question = by_stem[stem]
        expected = {"正确": "√", "错误": "×"}.get(answer_key(question), answer_key(question)) if kind != "简答" else "简答"
        assert key[number] == expected, (number, stem)
    totals = [p.text for p in Document(str(tmp_path / "试卷.docx")).paragraphs if "满分" in p.text]
    assert totals and "满分 56 分" in totals[0] and "60 分钟" in totals[0]  # 6×2 + 3×3 + 5×1 + 2×15


def written_in_rows(path: Path) -> dict[str, bool]:
    """First cell of each 得分 / 答案 row → whether the row has a height to write in (≥ 8 mm)."""
    out: dict[str, bool] = {}
    for table in Document(str(path)).tables:
        for row in table.rows[1:]:
            height = row._tr.find(f"{W}trPr/{W}trHeight")
            tall = height is not None and int(height.get(f"{W}val")) >= 454
            out[row.cells[0].text] = out.get(row.cells[0].text, True) and tall
    return out


def test_the_marker_and_the_candidate_have_room_to_write_and_the_key_stays_compact(tmp_path: Path, exam):
    result = exam("--aspects", "党费", "--单选", "4", "--判断", "3", "--seed", "5", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    paper, sheet = written_in_rows(tmp_path / "试卷.docx"), written_in_rows(tmp_path / "试卷-答题卡.docx")
    assert paper["得分"] and sheet["得分"] and sheet["答案"]
    key = written_in_rows(tmp_path / "试卷-参考答案.docx")
    assert "答案" in key and not key["答案"]


def test_an_exam_draws_each_question_once_from_its_aspects_in_their_order(site):
    aspects = resolve_aspects(site.kb, ["组织生活"])
    assert aspects == ["sanhui-yike", "zhuti-dangri", "zuzhi-shenghuohui", "minzhu-pingyi"]
    parts = draw(site.kb, aspects, [("单选", 5, None), ("判断", 4, 2)], seed=5)
    drawn = [e for part in parts for e in part.questions]
    assert len(drawn) == len({e.id for e in drawn}) == 9
    assert all(e.record.aspect in aspects for e in drawn)
    assert [(p.kind, p.points, len(p.questions)) for p in parts] == [("单选", 2, 5), ("判断", 2, 4)]
    for part in parts:
        order = [aspects.index(e.record.aspect) for e in part.questions]
        assert order == sorted(order), "printed in the order of the aspects"
    assert draw(site.kb, aspects, [("单选", 5, None)], seed=5)[0] == parts[0]


def test_a_trainers_handout_asks_for_an_exam_in_its_yaml(built_site: Path, site):
    entry = site.kb.entries["dangfei-yu-zuzhi-shenghuo"]
    spec = entry.record.exam
    paper = built_site / "downloads" / f"{entry.id}-exam.docx"
    questions = paper_questions(paper)
    assert [k for _, k, _ in questions] == [kind for p in spec.parts for kind in [p.kind] * p.count]
    include = {i for s in entry.record.sections for i in s.include}
    by_stem = {e.record.stem: e.record for e in site.kb.of_kind("question")}
    assert all(by_stem[stem].aspect in include for _, _, stem in questions), "drawn from the handout's aspects"
    assert sorted(grids(built_site / "downloads" / f"{entry.id}-exam-sheet.docx")) == [n for n, _, _ in questions]
    assert sorted(grids(built_site / "downloads" / f"{entry.id}-exam-key.docx")) == [n for n, _, _ in questions]
    html = (built_site / "handouts" / f"{entry.id}.html").read_text(encoding="utf-8")
    for suffix in ("", "-sheet", "-key"):
        assert f'href="../downloads/{entry.id}-exam{suffix}.docx"' in html


def test_exam_mistakes_on_the_command_line_are_explained_in_chinese(tmp_path: Path, exam):
    unknown = exam("--aspects", "三会一刻", "--单选", "2", "--out", str(tmp_path))
    assert unknown.returncode == 2 and "找不到手册方面或大项 “三会一刻”" in unknown.stderr and "三会一课" in unknown.stderr
    short = exam("--aspects", "三会一课", "--单选", "50", "--out", str(tmp_path))
    assert short.returncode == 1 and "只有" in short.stderr and "--单选" in short.stderr
    nothing = exam("--aspects", "三会一课", "--out", str(tmp_path))
    assert nothing.returncode == 2 and "题数" in nothing.stderr
    points = exam("--单选", "2", "--分值", "单选:2", "--out", str(tmp_path))
    assert points.returncode == 2 and "题型=分数" in points.stderr
    assert not list(tmp_path.glob("*.docx")), "a refused exam writes nothing"
    listed = exam("--list")
    assert listed.returncode == 0 and "三会一课（sanhui-yike）：单选" in listed.stdout

"""The tools' data on the pages: rendered from the structured fields alone (a changed band, step or
meeting changes the page and the JSON the scripts read), and passed as JSON that no text in the
data can break out of."""

from __future__ import annotations

import json
import re

from generator.site.tools import json_script
from tests.site.test_plan import pages_of
from tests.support.library import Library


def data_block(page: str, element_id: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page)
    assert match, f"no #{element_id} in the page"
    return json.loads(match.group(1))


def test_json_cannot_close_its_script_element():
    block = json_script("x", {"text": "</script><script>alert(1)</script> & <!--"})
    assert block.count("</script>") == 1 and "<!--" not in block and "&" not in block.replace("\\u0026", "")
    assert json.loads(block[block.index(">") + 1: block.rindex("<")]) == {"text": "</script><script>alert(1)</script> & <!--"}


def test_the_aspect_page_renders_the_dues_table_from_the_data(library: Library):
    library.replace("manual/demo-category.yml", "- above: 3000\n          rate: 1%", "- above: 3000\n          rate: 1.5%")
    library.replace("manual/demo-category.yml", "amount: 30.01", "amount: 45.02")
    _, pages = pages_of(library)
    page = pages["handbook/demo-aspect.md"]
    assert "| 第1档 | 3000元以下（含3000元） | 0\\.5% |" in page and "| 第2档 | 3000元以上 | 1\\.5% |" in page
    data = data_block(page, "hl-dues-data")
    assert [b["rate"] for b in data["bands"]] == ["0.5", "1.5"] and data["round_places"] == 2
    assert data["bands"][1] == {"above": "3000", "up_to": None, "rate": "1.5", "label": "3000元以上"}
    assert data["cases"][0]["fixed"] == "0.2" and "《中国共产党支部工作条例（试行）》" == data["source"]
    assert "| 3001 | 按月领取工资的党员 | 45\\.02 |" in page


def test_the_category_page_gathers_the_planners_data_from_its_aspects(library: Library):
    _, pages = pages_of(library)
    page = pages["handbook/demo-category.md"]
    process = data_block(page, "hl-process-data")
    step = process["stages"][0]["steps"][1]
    assert step["timing"] == [{"after": 1, "kind": "within", "months": 1, "days": 0, "text": "1个月",
                               "rule": "收到入党申请书后一个月内谈话。", "source": "《中国共产党支部工作条例（试行）》"}]
    assert process["stages"][0]["aspect"] == "三会一课"
    meetings = data_block(page, "hl-meetings-data")["meetings"]
    assert [(m["id"], m["held_by"], m["every"], m["quarter"], m["practice"]) for m in meetings] == [
        ("demo-meeting", "支部", "每季度", None, False)]
    aspect = pages["handbook/demo-aspect.md"]
    assert "hl-process-data" not in aspect and "[发展党员时间推算](demo-category.md#planner)" in aspect
    assert "[组织生活年度计划](demo-category.md#year-plan)" in aspect


def test_a_customary_frequency_is_labelled_as_such(library: Library):
    library.replace("manual/demo-category.yml", "frequency: 一般每季度召开1次\n", "frequency: 每季度1次\n        practice: true\n")
    _, pages = pages_of(library)
    for page in (pages["handbook/demo-aspect.md"], pages["handbook/demo-category.md"]):
        assert "每季度1次（地方规定或习惯做法，党内法规未规定次数）" in page
    assert data_block(pages["handbook/demo-category.md"], "hl-meetings-data")["meetings"][0]["practice"] is True


def test_pages_without_structured_rules_carry_no_tool(library: Library):
    text = library.read("manual/demo-category.yml")
    start, end = text.index("    meetings:\n"), text.index("\n    cases:\n") + 1
    library.write("manual/demo-category.yml", text[:start] + text[end:])
    _, pages = pages_of(library)
    for page in (pages["handbook/demo-aspect.md"], pages["handbook/demo-category.md"]):
        assert 'class="hl-tool ' not in page and "application/json" not in page

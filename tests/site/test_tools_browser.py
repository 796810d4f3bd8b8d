"""The handbook's working tools in Debian's Chromium, over http and from ``file://`` (the ``visit``
fixture runs each test both ways and fails it if a request leaves the machine or a script fails):
the 党费 calculator at the band edges, the 发展党员 planner against the 细则's intervals, the
组织生活 year planner's .ics read back by a real calendar library, checklists that tick, keep their
ticks and print empty. Controls are found by their labels, as a screen reader finds them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from generator import Settings, check
from tests.support import REPO
from tests.support.browser import Visit


@pytest.fixture(scope="module")
def kb():
    kb, report = check(Settings(data_dir=REPO / "data"))
    assert not report.errors
    return kb


# --- 党费 ------------------------------------------------------------------------------------


def dues_page(visit: Visit):
    page = visit.open("handbook/dangfei-shoujiao.html")
    page.locator(".hl-dues-calculator form").wait_for()
    return page


def result(page) -> str:
    return page.inner_text("#hl-dues-result")


@pytest.mark.parametrize("income, amount, band", [
    ("3000", "15.00", "第1档"), ("3000.01", "30.00", "第2档"), ("5000", "50.00", "第2档"),
    ("10000", "150.00", "第3档"), ("10001", "200.02", "第4档"),
])
def test_calculator_at_the_band_edges(visit: Visit, income, amount, band):
    page = dues_page(visit)
    page.get_by_label("每月收入（元）").fill(income)
    text = result(page)
    assert f"每月交纳党费 {amount} 元" in text
    assert band in text and "全部计算基数" in text  # the rule applied, in words


def test_calculator_shows_the_exact_amount_and_the_rounding(visit: Visit):
    page = dues_page(visit)
    field = page.get_by_label("每月收入（元）")
    field.focus()
    page.keyboard.type("3000.01")  # typed, as a reader types it
    text = result(page)
    assert "3000.01 × 1% = 30.0001 元，四舍五入到分为 30.00 元" in text
    assert "通行做法" in text
    field.fill("10001")
    assert "10001 × 2% = 200.02 元。" in result(page) and "150.02" not in result(page)


def test_calculator_for_an_annual_salary_a_pension_and_a_student(visit: Visit):
    page = dues_page(visit)
    who = page.get_by_label("党员情况")
    who.select_option(label="实行年薪制的党员")
    page.get_by_label("每月收入（元）").fill("18000")
    assert "每月交纳党费 360.00 元" in result(page) and "当月实际领取的薪酬收入" in result(page)
    who.select_option(label="离退休党员")
    page.get_by_label("每月收入（元）").fill("5000.01")
    assert "每月交纳党费 50.00 元" in result(page)
    who.select_option(index=4)
    assert "0.20 元" in result(page) and page.get_by_label("每月收入（元）").is_disabled()


def test_calculator_explains_what_it_cannot_read(visit: Visit):
    page = dues_page(visit)
    field = page.get_by_label("每月收入（元）")
    field.fill("六千")
    assert "不是金额" in result(page)
    field.fill("6000.123")
    assert "精确到分" in result(page)
    field.fill("１０，００１")  # full-width digits and comma, as Chinese input methods type them
    assert "每月交纳党费 200.02 元" in result(page)


def test_calculator_fits_a_phone(visit: Visit):
    visit.page.set_viewport_size({"width": 390, "height": 844})
    page = dues_page(visit)
    page.get_by_label("每月收入（元）").fill("6000")
    widths = page.evaluate("""() => { const t = document.querySelector('.hl-dues-calculator');
        return [t.scrollWidth, t.clientWidth, document.documentElement.scrollWidth, innerWidth]; }""")
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths
    assert "90.00" in result(page)


# --- 发展党员 ----------------------------------------------------------------------------------


def planner(visit: Visit):
    page = visit.open("handbook/fazhan-dangyuan.html")
    page.locator(".hl-process-planner table").wait_for()
    return page


def row(page, step: int) -> dict[str, str]:
    cells = page.locator(f"#hl-plan-row-{step} > *")
    earliest, latest, notes = cells.nth(1).inner_text(), cells.nth(2).inner_text(), cells.nth(4).inner_text()
    return {"earliest": earliest, "latest": latest, "notes": notes}


def test_planner_gives_the_intervals_of_the_rules(visit: Visit):
    page = planner(visit)
    page.get_by_label("第1步 递交入党申请书 的日期").fill("2024-03-01")
    assert row(page, 2)["latest"] == "2024年4月1日"             # 一个月内谈话
    assert row(page, 7)["earliest"] == "2025年3月1日"           # 积极分子满一年
    page.get_by_label("第3步 推荐和确定入党积极分子 的实际日期").fill("2024-04-10")
    assert row(page, 7)["earliest"] == "2025年4月10日"
    page.get_by_label("第15步 支部大会讨论 的实际日期").fill("2025-09-01")
    assert row(page, 17)["latest"] == "2025年12月1日"           # 三个月内审批
    assert row(page, 23)["earliest"] == "2026年9月1日"          # 预备期一年
    assert "第十三条" in row(page, 7)["notes"] and "第七条" in row(page, 23)["notes"]
    assert "均符合规定" in page.inner_text(".hl-process-planner .hl-tool-status")


def test_planner_warns_of_a_date_that_breaks_a_rule(visit: Visit):
    page = planner(visit)
    page.get_by_label("第1步 递交入党申请书 的日期").fill("2024-03-01")
    page.get_by_label("第2步 党组织派人谈话 的实际日期").fill("2024-04-15")
    assert "晚于 2024年4月1日" in row(page, 2)["notes"]
    page.get_by_label("第3步 推荐和确定入党积极分子 的实际日期").fill("2024-04-20")
    page.get_by_label("第7步 确定发展对象 的实际日期").fill("2025-03-01")
    notes = row(page, 7)["notes"]
    assert "早于 2025年4月20日" in notes and "一年以上培养教育和考察" in notes
    assert page.locator("#hl-plan-row-7.hl-plan-warn").count() == 1
    page.get_by_label("第7步 确定发展对象 的实际日期").fill("2025-04-20")
    page.get_by_label("第23步 支部大会讨论转正 的实际日期").fill("2026-09-01")
    page.get_by_label("第24步 上级党委审批转正 的实际日期").fill("2026-12-15")
    assert "晚于 2026年12月1日" in row(page, 24)["notes"]
    status = page.inner_text(".hl-process-planner .hl-tool-status")
    assert "第2步" in status and "第24步" in status and "第7步" not in status


def test_planner_adds_months_by_the_calendar(visit: Visit):
    page = planner(visit)
    page.get_by_label("第1步 递交入党申请书 的日期").fill("2024-01-31")
    assert row(page, 2)["latest"] == "2024年2月29日"  # a month after 31 January, in a leap year


# --- 组织生活 ----------------------------------------------------------------------------------


def year_planner(visit: Visit):
    page = visit.open("handbook/zuzhi-shenghuo.html")
    page.locator(".hl-year-planner table").wait_for()
    return page


def expected(kb, committee: bool, groups: int) -> dict[str, int]:
    """How many times a year each meeting is held, from the data: the oracle for the .ics."""
    per_year = {"每月": 12, "每季度": 4, "每年": 1}
    counts = {}
    for entry in kb.of_kind("aspect"):
        for m in entry.record.meetings:
            holders = groups if m.held_by == "党小组" else (1 if committee or m.held_by != "支委会" else 0)
            counts[m.name] = per_year[m.every] * holders
    return {name: n for name, n in counts.items() if n}


def download_ics(page) -> Calendar:
    with page.expect_download() as info:
        page.get_by_role("button", name="下载日历文件（.ics）").click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    data = Path(download.path()).read_bytes()
    assert b"\r\n" in data and all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded by octets
    return Calendar.from_ical(data)


def test_year_plan_downloads_as_a_calendar_with_every_meeting(visit: Visit, kb):
    page = year_planner(visit)
    page.get_by_label("年份").fill("2025")
    page.get_by_label("党小组个数").fill("2")
    calendar = download_ics(page)
    events = calendar.walk("VEVENT")
    counts: dict[str, int] = {}
    for event in events:
        name = re.sub(r"^第\d党小组 ", "", str(event["SUMMARY"])).split("（")[0]
        counts[name] = counts.get(name, 0) + 1
    assert counts == expected(kb, committee=True, groups=2)
    assert len({str(e["UID"]) for e in events}) == len(events)
    by_summary = {str(e["SUMMARY"]): e for e in events}
    assert by_summary["主题党日（1月）"]["DTSTART"].dt == date(2025, 1, 3)            # first Friday
    assert by_summary["组织生活会（第四季度）"]["DTSTART"].dt == date(2025, 12, 5)    # Q4, third month
    assert "地方规定或习惯做法" in str(by_summary["党课（第一季度）"]["DESCRIPTION"])
    assert "《中国共产党支部工作条例（试行）》" in str(by_summary["支部党员大会（第二季度）"]["DESCRIPTION"])
    assert all(e.walk("VALARM") for e in events)
    assert str(calendar["X-WR-CALNAME"]) == "2025年组织生活计划（设支委会，2个党小组）"
    listed = page.locator(".hl-year-table li").count()  # the table on screen lists the same entries
    assert listed == len(events)


def test_year_plan_follows_the_branchs_shape(visit: Visit, kb):
    page = year_planner(visit)
    page.get_by_label("年份").fill("2026")
    page.get_by_label("设支部委员会").uncheck()
    page.get_by_label("党小组个数").fill("0")
    page.get_by_label("第几个").select_option(label="最后一个")
    page.get_by_label("星期几").select_option(label="星期三")
    page.get_by_label("每季度、每年的会议安排在").select_option(label="季度的第一个月")
    events = download_ics(page).walk("VEVENT")
    names = {str(e["SUMMARY"]).split("（")[0] for e in events}
    assert "支部委员会会议" not in names and "党小组会" not in names
    assert len(events) == sum(expected(kb, committee=False, groups=0).values())
    by_summary = {str(e["SUMMARY"]): e["DTSTART"].dt for e in events}
    assert by_summary["主题党日（1月）"] == date(2026, 1, 28)          # last Wednesday of January 2026
    assert by_summary["组织生活会（第四季度）"] == date(2026, 10, 28)  # first month of the fourth quarter
    assert "不设支委会，不设党小组" in page.inner_text(".hl-year-table caption")


# --- checklists --------------------------------------------------------------------------------


def test_checklist_ticks_are_kept_per_page_and_print_empty(visit: Visit):
    page = visit.open("handbook/sanhui-yike.html")
    boxes = page.locator("#checklist ~ ul.task-list input[type=checkbox]")
    first = page.get_by_label("全年计划已制定并报备")
    assert boxes.count() >= 3 and first.is_enabled()
    first.focus()
    page.keyboard.press("Space")
    boxes.nth(2).check()
    page.reload()
    page.locator(".hl-checklist").wait_for()
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    other = visit.open("handbook/zhuti-dangri.html")
    assert not any(b.is_checked() for b in other.locator("ul.task-list input[type=checkbox]").all())
    page = visit.open("handbook/sanhui-yike.html")
    assert boxes.nth(0).is_checked()
    page.emulate_media(media="print")
    look = boxes.nth(0).evaluate("b => { const s = getComputedStyle(b); return [s.appearance, s.borderTopStyle]; }")
    assert look == ["none", "solid"]  # an empty drawn box, whatever was ticked
    assert not page.locator(".hl-checklist-clear").is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="清除勾选").first.click()
    page.reload()
    page.locator(".hl-checklist").wait_for()
    assert not any(b.is_checked() for b in boxes.all())

"""``hongling serve``, the real server, on the embedded library, for what the handbook's tools,
the 题库 and the Excel round trip added: a blank 文书模板, a question, a 党费 band of the manual, a
case's figure and a source's title are edited while it serves. After each edit the pages and
documents that show the edited data change, nothing unrelated does, and at the end every file
equals a fresh full build (exams, Word templates and the template workbook included)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.serve.test_preview import edit, embedded_copy
from tests.support.preview import assert_same_site, preview_server, site_files
from tests.support.server import hongling_build

SEARCH = re.compile(r"search/")
HANDOUT_DOCUMENTS = re.compile(r"downloads/[^/]+\.docx")
"""Word documents of courses, cases and handouts (a case's figure is in the courses that teach it)."""


@dataclass(frozen=True)
class Change:
    name: str
    edits: tuple[tuple[str, str, str], ...]
    """(data file, old text, new text)."""
    probe: tuple[str, str]
    """A page and the text it shows once the edit is in."""
    must: frozenset[str]
    """Files that show the edited data: they must change."""
    shown_by: str = ""
    """Text that only pages showing the edited data hold: every such page must change too."""
    may: tuple[re.Pattern[str], ...] = field(default=(SEARCH,))
    """Other files that may change (the search index always may)."""


CHANGES = (
    Change("a blank template's title",
           (("forms/dangfei-dengji.yml", "title: 党费收缴登记表", "title: 党费收缴登记簿"),),
           ("forms.html", "党费收缴登记簿"), frozenset({"forms.html", "downloads/forms/dangfei-dengji.docx"})),
    Change("a question's stem",
           (("questions/q-dangfei-shoujiao-01.yml", "税后工资收入6000元", "税后工资收入6001元"),),
           ("questions.html", "税后工资收入6001元"),
           frozenset({"questions.html", "handbook/dangfei-shoujiao.html", "handouts/builder.html",
                      "downloads/dangfei-yu-zuzhi-shenghuo-exam.docx"}),
           shown_by="税后工资收入6000元", may=(SEARCH, HANDOUT_DOCUMENTS)),
    Change("a 党费 band's rate (and the examples it decides)",
           (("manual/dangfei.yml", "          rate: 2%", "          rate: 2.5%"),
            ("manual/dangfei.yml", "amount: 200.02", "amount: 250.03"),
            ("manual/dangfei.yml", "amount: 360\n", "amount: 450\n")),
           ("handbook/dangfei-shoujiao.html", "250.03"), frozenset({"handbook/dangfei-shoujiao.html"}),
           may=(SEARCH, HANDOUT_DOCUMENTS, re.compile(r"handbook/dangfei\.html|handouts/.*\.html"))),
    Change("a case's figure",
           (("cases/gaoxin-sanzhuan.yml", "    value: 932\n", "    value: 933\n"),
            ("cases/gaoxin-sanzhuan.yml", "共有932家", "共有933家")),
           ("cases/gaoxin-sanzhuan.html", "933"),
           frozenset({"cases/gaoxin-sanzhuan.html", "downloads/gaoxin-sanzhuan.docx", "handouts/builder.html"}),
           shown_by="<td>932家</td>", may=(SEARCH, HANDOUT_DOCUMENTS, re.compile(r"statistics\.html|practices/.*\.html"))),
    Change("a source's title (cited by id in running text, listed in the template workbook)",
           (("sources/src-changqing-ningjuli.yml", "组织铸魂赋能\n", "组织铸魂赋能（改）\n"),),
           ("sources.html", "铸魂赋能（改）"),
           frozenset({"sources.html", "handbook/zuzhi-shezhi.html", "downloads/hongling-template.xlsx"}),
           shown_by="组织铸魂赋能", may=(SEARCH, HANDOUT_DOCUMENTS)),
)


def shown_in(files: dict[str, bytes | None], text: str) -> set[str]:
    """The pages among ``files`` that hold ``text``."""
    return {url for url, data in files.items() if url.endswith(".html") and text.encode("utf-8") in (data or b"")}


def test_edits_of_templates_questions_dues_and_figures_change_what_shows_them_and_nothing_else(tmp_path):
    data, config = embedded_copy(tmp_path)
    first = hongling_build(config, tmp_path / "first")
    urls = [url for url in site_files(first) if not url.startswith("assets/")]
    with preview_server(config, tmp_path / "serve.log") as server:
        before = {url: server.get(url) for url in urls}
        assert [url for url in urls if before[url] != (first / url).read_bytes()] == []
        for change in CHANGES:
            for rel, old, new in change.edits:
                edit(data / rel, old, new)
            server.wait_for(lambda change=change: change.probe[1] in server.text(change.probe[0]), change.name)
            after = {url: server.get(url) for url in urls}
            changed = {url for url in urls if after[url] != before[url]}
            showing = shown_in(before, change.shown_by) if change.shown_by else set()
            assert change.must | showing <= changed, f"{change.name}: not changed: {sorted((change.must | showing) - changed)}"
            unrelated = {url for url in changed - change.must - showing if not any(p.match(url) for p in change.may)}
            assert unrelated == set(), f"{change.name}: changed though they do not show it: {sorted(unrelated)}"
            before = after

        assert_same_site(hongling_build(config, tmp_path / "fresh"), server)

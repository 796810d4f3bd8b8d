"""One fixture per class of bad input in shared/DEFECTS.md (and more), pinning code and position.

Each case damages one file of the clean minimal library and asserts the single problem it must
produce: its code, file, 1-based line and column, and (where it matters) a word of the hint.
"""

from __future__ import annotations

import time

import pytest

from tests.support.library import Library, only

COUNTY = "regions/county.yml"
CASE = "cases/demo-case.yml"
SITE = "sites/demo-site.yml"
SOURCE = "sources/src-report.yml"
QUESTION = "questions/demo-question.yml"
HANDOUT = "handouts/demo-handout.yml"
MANUAL = "manual/demo-category.yml"
FORM = "forms/demo-form.yml"
OPTIONS = """options:
  - key: A
    text: 每周1次
  - key: B
    text: 每月1次
  - key: C
    text: 每季度1次
"""


def valid_resident_id() -> str:
    body = "11010519491231002"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def question(library: Library, kind: str, *answers: str, options: bool = False) -> None:
    """Turn the demo 单选 question into another kind, with or without its options."""
    text = library.read(QUESTION).replace("kind: 单选", f"kind: {kind}")
    if not options:
        text = text.replace(OPTIONS, "")
    text = text.replace("answer:\n  - B\n", "answer:\n" + "".join(f"  - {a}\n" for a in answers))
    library.write(QUESTION, text)


BLOCK = "summary: {}\n  第一行。\n  第二行。\n  {}\n  示例县"
"""A summary whose third payload line holds the fragment (line 12 of the case; ``summary:`` is 9)."""


def county(extra: str = "", **fields: str) -> str:
    base = {"id": "county", "name": "示例县", "level": "区县", "parent": "city"}
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items()) + extra


# (name, change, code, file, line, column, hint fragment)
CASES = [
    # syntax
    ("tab indentation", lambda lib: lib.write(COUNTY, county("aliases:\n\t- 示例\n")), "E-INDENT", COUNTY, 6, 1, "半角空格"),
    ("unquoted colon", lambda lib: lib.replace(CASE, "title: 示例县“红色示范”工程", "title: 案例: 示例县"),
     "E-SYNTAX", CASE, 2, 10, "引号"),
    ("unclosed quote", lambda lib: lib.replace(COUNTY, "name: 示例县", 'name: "示例县'), "E-SYNTAX", COUNTY, 2, 7, "引号"),
    ("key indented deeper", lambda lib: lib.replace(COUNTY, "level: 区县", "  level: 区县"), "E-SYNTAX", COUNTY, 3, 8, "对齐"),
    ("full-width colon", lambda lib: lib.replace(COUNTY, "name: 示例县", "name：示例县"), "E-SYNTAX", COUNTY, 2, 5, "name: "),
    ("several documents", lambda lib: lib.write(COUNTY, county() + "---\nid: other\n"), "E-MULTIDOC", COUNTY, 5, 1, "一条记录"),
    ("record as list", lambda lib: lib.write(COUNTY, "- id: county\n  name: 示例县\n"), "E-ROOT", COUNTY, 1, 1, "- "),
    ("plain text file", lambda lib: lib.write(COUNTY, "示例县\n"), "E-ROOT", COUNTY, 1, 1, "键: 值"),
    # empty
    ("zero bytes", lambda lib: lib.write(COUNTY, b""), "E-EMPTY-FILE", COUNTY, 0, 0, "删除"),
    ("only ---", lambda lib: lib.write(COUNTY, "---\n"), "E-EMPTY-FILE", COUNTY, 0, 0, "删除"),
    ("only comments", lambda lib: lib.write(COUNTY, "# 待补充\n# 示例县\n"), "E-EMPTY-FILE", COUNTY, 0, 0, "删除"),
    # encoding
    ("GBK file", lambda lib: lib.write(COUNTY, county().encode("gbk")), "E-ENCODING", COUNTY, 2, 7, "UTF-8"),
    ("UTF-16 file", lambda lib: lib.write(COUNTY, county().encode("utf-16")), "E-ENCODING", COUNTY, 0, 0, "UTF-8"),
    ("NUL byte", lambda lib: lib.write(COUNTY, b"id: county\nname: \x00x\n"), "E-NUL", COUNTY, 2, 7, "UTF-8"),
    # duplicate keys
    ("title twice", lambda lib: lib.write(COUNTY, county() + "name: 另一个县\n"), "E-DUPKEY", COUNTY, 5, 1, "删除"),
    ("list key twice", lambda lib: lib.write(COUNTY, county("aliases:\n  - 甲\naliases:\n  - 乙\n")),
     "E-DUPKEY", COUNTY, 7, 1, "同一个键"),
    # wrong type
    ("year in Chinese numerals", lambda lib: lib.replace(CASE, "year: 2023\norg", "year: 二〇二三\norg"),
     "E-YEAR", CASE, 6, 7, "不要写成"),
    ("string where a list is expected", lambda lib: lib.write(COUNTY, county(aliases="示例")), "E-TYPE", COUNTY, 5, 10, "- "),
    ("是 for a boolean", lambda lib: lib.replace("curricula/demo-course.yml", "required: true", "required: 是"),
     "E-BOOL", "curricula/demo-course.yml", 16, 19, "true"),
    ("empty required value", lambda lib: lib.write(COUNTY, county(name="")), "E-EMPTY", COUNTY, 2, 6, "填写"),
    ("mapping where text is expected", lambda lib: lib.write(COUNTY, county(name="\n  zh: 示例县")), "E-TYPE", COUNTY, 3, 3, ""),
    # missing / unknown fields
    ("required field absent", lambda lib: lib.write(COUNTY, "id: county\nname: 示例县\nparent: city\n"),
     "E-MISSING", COUNTY, 1, 1, "level"),
    ("typo in key", lambda lib: lib.replace(CASE, "title:", "titel:"), "E-UNKNOWN-KEY", CASE, 2, 1, "title"),
    ("Chinese key", lambda lib: lib.write(COUNTY, county(标题="示例")), "E-UNKNOWN-KEY", COUNTY, 5, 1, "应写作 “name”"),
    ("Chinese key for title", lambda lib: lib.replace(CASE, "title:", "标题:"), "E-UNKNOWN-KEY", CASE, 2, 1, "应写作 “title”"),
    # bad choices
    ("misspelt choice", lambda lib: lib.replace(CASE, "kind: 党建品牌", "kind: 党建品牌\nstatus: publised"),
     "E-CHOICE", CASE, 5, 9, "published"),
    ("choice spelled differently", lambda lib: lib.replace(SITE, "level: 市级", "level: 市"),
     "E-CHOICE", SITE, 9, 12, "市级"),
    ("plural choice", lambda lib: lib.replace(CASE, "kind: 党建品牌", "kind: 党建品牌\nstatus: drafts"),
     "E-CHOICE", CASE, 5, 9, "draft"),
    # references
    ("unknown id", lambda lib: lib.replace(CASE, "region: county", "region: countyy"), "E-REF", CASE, 5, 9, "county"),
    ("id of the wrong kind", lambda lib: lib.replace(CASE, "  - demo-site", "  - demo-practice"),
     "E-REF-KIND", CASE, 26, 5, "阵地"),
    ("self reference", lambda lib: lib.replace(CASE, "tags:", "related:\n  - demo-case\ntags:"),
     "E-SELF-REF", CASE, 30, 5, "删除"),
    ("same id in two files", lambda lib: lib.write("regions/county-copy.yml", county()), "E-DUP-ID",
     "regions/county.yml", 1, 5, "唯一"),
    ("same id up to case", lambda lib: lib.write("glossary/sanhuiyike-2.yml",
                                               lib.read("glossary/sanhuiyike.yml").replace("id: sanhuiyike", "id: ｓａｎｈｕｉｙｉｋｅ")),
     "E-ID", "glossary/sanhuiyike-2.yml", 1, 5, "小写"),
    # ranges
    ("percentage of 120", lambda lib: lib.replace(CASE, "value: 200\n    qualifier: 余\n    unit: 名",
                                              "value: 120\n    qualifier: 余\n    unit: '%'"),
     "E-RANGE", CASE, 19, 12, "0—100"),
    ("negative count", lambda lib: lib.replace(CASE, "value: 200", "value: -5"), "E-RANGE", CASE, 19, 12, "正数"),
    ("year 3023", lambda lib: lib.replace(CASE, "year: 2023\norg", "year: 3023\norg"), "E-YEAR", CASE, 6, 7, "2023"),
    ("year 未知 for not given", lambda lib: lib.replace(CASE, "    year: 2023\n    source", "    year: 未知\n    source"),
     "E-YEAR", CASE, 22, 11, "不详"),
    ("figure year in words", lambda lib: lib.replace(CASE, "    year: 2023\n    source", "    year: 去年\n    source"),
     "E-YEAR", CASE, 22, 11, "不详"),
    # a figure's time frame
    ("year and since", lambda lib: lib.replace(CASE, "    year: 2023\n    source", "    year: 2023\n    since: 2021\n    source"),
     "E-TIME", CASE, 23, 12, "since"),
    ("以来 with a year", lambda lib: lib.replace(CASE, "    year: 2023\n    source", "    year: 2023\n    period: 2023年以来\n    source"),
     "E-TIME", CASE, 22, 11, "since: 2023"),
    ("period names another year", lambda lib: lib.replace(CASE, "    year: 2023\n    source",
                                                          "    since: 2019\n    period: 自2018年以来\n    source"),
     "E-TIME", CASE, 22, 12, "核对"),
    ("不详 but the period names the year", lambda lib: lib.replace(CASE, "    year: 2023\n    source",
                                                               "    year: 不详\n    period: 2024年以来\n    source"),
     "E-TIME", CASE, 22, 11, "2024"),
    ("impossible date", lambda lib: lib.replace(SOURCE, "2023-05-01", "2023-02-30"), "E-DATE", SOURCE, 5, 7, "核对"),
    ("Chinese date", lambda lib: lib.replace(SOURCE, "2023-05-01", "2023年5月1日"), "E-DATE", SOURCE, 5, 7, "2023-05-01"),
    ("date 未注明 for not given", lambda lib: lib.replace(SOURCE, "2023-05-01", "未注明"), "E-DATE", SOURCE, 5, 7, "不详"),
    ("slashed date", lambda lib: lib.replace(SOURCE, "2023-05-01", "2023/5/1"), "E-DATE", SOURCE, 5, 7, "2023-05-01"),
    ("huge integer", lambda lib: lib.replace(CASE, "value: 200", "value: " + "9" * 5000), "E-NUMBER", CASE, 19, 12, "核对"),
    ("number with its unit", lambda lib: lib.replace(CASE, "value: 200", "value: 200余名"), "E-NUMBER", CASE, 19, 12, "qualifier"),
    # markup in data
    ("script in a title", lambda lib: lib.replace(CASE, "title: 示例县“红色示范”工程", "title: 示例<script>alert(1)</script>"),
     "E-MARKUP", CASE, 2, 10, "删除"),
    ("img onerror in a summary", lambda lib: lib.replace(CASE, "summary: 示例县", "summary: <img src=x onerror=alert(1)>示例县"),
     "E-UNSAFE", CASE, 9, 10, "Markdown"),
    ("javascript link", lambda lib: lib.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                                            "summary: '[点我](javascript:alert(1))示例县'"),
     "E-UNSAFE", CASE, 9, 16, "javascript"),
    ("raw iframe", lambda lib: lib.replace(CASE, "summary: 示例县", "summary: <iframe src=x></iframe>示例县"),
     "E-UNSAFE", CASE, 9, 10, "Markdown"),
    ("attribute list with an event", lambda lib: lib.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                                                         "summary: '示例县{: onclick=\"alert(1)\"}'"),
     "E-UNSAFE", CASE, 9, 14, "onclick"),
    ("entity-encoded javascript link", lambda lib: lib.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                                                           "summary: '[点我](java&#115;cript:alert(1))'"),
     "E-UNSAFE", CASE, 9, 16, "链接"),
    ("Windows device name as id", lambda lib: lib.write("regions/con.yml", county(id="con")), "E-ID", "regions/con.yml", 1, 5, "con-1"),
    # ids that become paths
    ("path traversal", lambda lib: lib.write(COUNTY, county(id="../../etc/passwd")), "E-ID", COUNTY, 1, 5, "小写字母"),
    ("slash in id", lambda lib: lib.replace(CASE, "id: demo-case", "id: case/902"), "E-ID", CASE, 1, 5, "case-902"),
    ("trailing space", lambda lib: lib.write(COUNTY, county(id='"county "')), "E-ID", COUNTY, 1, 5, '"county"'),
    ("upper case id", lambda lib: lib.write(COUNTY, county(id="County")), "E-ID", COUNTY, 1, 5, "county"),
    # personal data
    ("resident id number", lambda lib: lib.replace(CASE, "summary: 示例县", f"summary: 联系人身份证{valid_resident_id()}，示例县"),
     "E-PERSONAL", CASE, 9, 16, "删除"),
    ("mobile number", lambda lib: lib.replace(COUNTY, "name: 示例县", "name: 示例县 13912345678"), "E-PERSONAL", COUNTY, 2, 11, "删除"),
    # resource bombs and dangerous tags
    ("alias bomb", lambda lib: lib.write(COUNTY, county("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n")),
     "E-ALIAS", COUNTY, 5, 4, "&"),
    ("deep nesting", lambda lib: lib.write(COUNTY, county("deep: " + "[" * 100 + "]" * 100 + "\n")), "E-DEPTH", COUNTY, 5, 30, "缩进"),
    ("100,000-deep nesting", lambda lib: lib.write(COUNTY, county("deep: " + "[" * 100_000 + "]" * 100_000 + "\n")),
     "E-DEPTH", COUNTY, 5, 30, "缩进"),
    ("100,000-deep list of lists", lambda lib: lib.write(COUNTY, county("deep:\n" + "- " * 100_000 + "x\n")),
     "E-DEPTH", COUNTY, 6, 47, "缩进"),
    ("python tag", lambda lib: lib.write(COUNTY, county("cmd: !!python/object/apply:os.system ['ls']\n")),
     "E-TAG", COUNTY, 5, 6, "标签"),
    # more an editor will do
    ("file outside the kind folders", lambda lib: lib.write("case-demo.yml", county()), "E-FOLDER", "case-demo.yml", 0, 0, "cases/"),
    ("metric of a variant not in its case", lambda lib: lib.replace("practices/demo-practice.yml", "- certified", "- certifed"),
     "E-LOCAL-REF", "practices/demo-practice.yml", 16, 9, "certified"),
    ("comparison key not declared", lambda lib: lib.replace("practices/demo-practice.yml", "key: levels\n        value", "key: level\n        value"),
     "E-LOCAL-REF", "practices/demo-practice.yml", 13, 14, "levels"),
    ("level cites an unknown lesson", lambda lib: lib.replace("curricula/demo-course.yml", "      - meetings", "      - meeting"),
     "E-LOCAL-REF", "curricula/demo-course.yml", 28, 9, "meetings"),
    ("full-width digits", lambda lib: lib.replace(CASE, "value: 200", "value: ２００"), "E-NUMBER", CASE, 19, 12, "200"),
    ("full-width year", lambda lib: lib.replace(CASE, "year: 2023\norg", "year: ２０２３\norg"), "E-YEAR", CASE, 6, 7, "2023"),
    ("full-width space before a key", lambda lib: lib.replace(COUNTY, "name: 示例县", "\u3000name: 示例县"),
     "E-INDENT", COUNTY, 2, 1, "删除"),
    ("Chinese name instead of an id", lambda lib: lib.replace(CASE, "region: county", "region: 示例县"),
     "E-REF", CASE, 5, 9, "“county”"),
    ("Word file in data", lambda lib: lib.write("cases/notes.docx", b"PK\x03\x04"), "W-STRAY-FILE", "cases/notes.docx", 0, 0, ".yml"),
    ("empty list item", lambda lib: lib.replace(CASE, "  - 认证", "  - 认证\n  -"), "E-EMPTY", CASE, 31, 4, "删除"),
    ("yes for a boolean", lambda lib: lib.replace("curricula/demo-course.yml", "required: true", "required: yes"),
     "E-BOOL", "curricula/demo-course.yml", 16, 19, "true"),
    ("lesson hours in words", lambda lib: lib.replace("curricula/demo-course.yml", "hours: 2", "hours: 两"),
     "E-NUMBER", "curricula/demo-course.yml", 14, 16, "阿拉伯数字"),
    # questions (题库): options against the kind, answers against the options
    ("single choice without options", lambda lib: question(lib, "单选", "B"), "E-OPTIONS", QUESTION, 3, 7, "options"),
    ("true/false with options", lambda lib: question(lib, "判断", "正确", options=True), "E-OPTIONS", QUESTION, 6, 3, "删除 options"),
    ("short answer with options", lambda lib: question(lib, "简答", "每月召开1次", options=True), "E-OPTIONS", QUESTION, 6, 3, "删除 options"),
    ("answer names no option", lambda lib: lib.replace(QUESTION, "  - B\nexpl", "  - D\nexpl"), "E-ANSWER-KEY", QUESTION, 13, 5, "A、B、C"),
    ("answer in lower case", lambda lib: lib.replace(QUESTION, "  - B\nexpl", "  - b\nexpl"), "E-ANSWER-KEY", QUESTION, 13, 5, "改为 B"),
    ("several answers in one item", lambda lib: question(lib, "多选", "AB", options=True), "E-ANSWER-KEY", QUESTION, 13, 5, "单独一行"),
    ("same answer twice", lambda lib: question(lib, "多选", "B", "B", options=True), "E-ANSWER-KEY", QUESTION, 14, 5, "只写一次"),
    ("two answers to a single choice", lambda lib: question(lib, "单选", "B", "C", options=True),
     "E-ANSWER-COUNT", QUESTION, 14, 5, "多选"),
    ("one answer to a multiple choice", lambda lib: question(lib, "多选", "B", options=True), "E-ANSWER-COUNT", QUESTION, 13, 5, "单选"),
    ("对 for a true/false answer", lambda lib: question(lib, "判断", "对"), "E-ANSWER-KEY", QUESTION, 6, 5, "改为 正确"),
    ("both true and false", lambda lib: question(lib, "判断", "正确", "错误"), "E-ANSWER-COUNT", QUESTION, 7, 5, "一个"),
    ("option letter for a short answer", lambda lib: question(lib, "简答", "B"), "E-ANSWER-KEY", QUESTION, 6, 5, "要点"),
    ("duplicate option key", lambda lib: lib.replace(QUESTION, "key: B", "key: A"), "E-OPTION-DUP", QUESTION, 8, 10, "应为 B"),
    ("option keys out of order", lambda lib: lib.replace(QUESTION, "key: C", "key: D"), "E-OPTION-KEY", QUESTION, 10, 10, "顺序"),
    ("option key in lower case", lambda lib: lib.replace(QUESTION, "key: A", "key: a"), "E-OPTION-KEY", QUESTION, 6, 10, "改为 A"),
    ("option key with a full stop", lambda lib: lib.replace(QUESTION, "key: A", "key: Ａ．"), "E-OPTION-KEY", QUESTION, 6, 10, "改为 A"),
    ("kind written with 题", lambda lib: lib.replace(QUESTION, "kind: 单选", "kind: 单选题"), "E-CHOICE", QUESTION, 3, 7, "“单选”"),
    ("Chinese key for the stem", lambda lib: lib.replace(QUESTION, "stem:", "题干:"), "E-UNKNOWN-KEY", QUESTION, 4, 1, "“stem”"),
    ("Chinese key for the basis", lambda lib: lib.replace(QUESTION, "basis:", "依据:"), "E-UNKNOWN-KEY", QUESTION, 15, 1, "“basis”"),
    ("answer as a bare letter", lambda lib: lib.replace(QUESTION, "answer:\n  - B", "answer: B"), "E-TYPE", QUESTION, 12, 9, "- "),
    ("question on an unknown aspect", lambda lib: lib.replace(QUESTION, "aspect: demo-aspect", "aspect: demo-aspekt"),
     "E-REF", QUESTION, 2, 9, "demo-aspect"),
    ("basis naming an aspect", lambda lib: lib.replace(QUESTION, "source: reg-branch", "source: demo-aspect"),
     "E-REF-KIND", QUESTION, 16, 11, "来源"),
    # positions inside block and flow scalars: the payload line, the character column
    ("javascript link in a folded block", lambda lib: lib.replace(CASE, "summary: 示例县", BLOCK.format(">-", "[点我](javascript:alert(1))")),
     "E-UNSAFE", CASE, 12, 8, "javascript"),
    ("attribute list in a literal block", lambda lib: lib.replace(CASE, "summary: 示例县", BLOCK.format("|", "示例{: onclick=\"alert(1)\" }")),
     "E-UNSAFE", CASE, 12, 5, "onclick"),
    ("iframe in a literal block", lambda lib: lib.replace(CASE, "summary: 示例县", BLOCK.format("|", "<iframe src=x></iframe>")),
     "E-UNSAFE", CASE, 12, 3, "Markdown"),
    ("script tag deep in a quoted title", lambda lib: lib.replace(CASE, "title: 示例县“红色示范”工程", 'title: "示例县“红色示范”工程<b>"'),
     "E-MARKUP", CASE, 2, 20, "删除"),
    # character classes named for what they are
    ("full-width space indenting a list item", lambda lib: lib.replace(CASE, "  - 非公企业", "\u3000\u3000- 非公企业"),
     "E-INDENT", CASE, 8, 1, "4 个半角空格"),
    ("full-width space indenting a key of a list item", lambda lib: lib.replace(CASE, "    label:", "\u3000\u3000label:"),
     "E-INDENT", CASE, 18, 1, "--fix"),
    ("no-break spaces indenting a list item", lambda lib: lib.write(COUNTY, county("aliases:\n\u00a0\u00a0- 示例\n")),
     "E-INDENT", COUNTY, 6, 1, "半角空格"),
    ("Chinese paragraph indent outside its block", lambda lib: lib.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                                                                       "summary: |\n  第一段。\n\u3000\u3000第二段。"),
     "E-INDENT", CASE, 11, 1, "全角空格可以保留"),
    ("full-width colon after the key of a list item", lambda lib: lib.replace(CASE, "  - id: certified", "  - id：certified"),
     "E-SYNTAX", CASE, 17, 7, "id: "),
    ("full-width space after the colon", lambda lib: lib.replace(COUNTY, "name: 示例县", "name:\u3000示例县"), "E-SYNTAX", COUNTY, 2, 6, "--fix"),
    ("no-break space after the colon", lambda lib: lib.replace(COUNTY, "name: 示例县", "name:\u00a0示例县"), "E-SYNTAX", COUNTY, 2, 6, "半角空格"),
    ("BOM in mid-file", lambda lib: lib.replace(COUNTY, "level:", "\ufefflevel:"), "E-INVISIBLE", COUNTY, 3, 1, "--fix"),
    ("zero-width space in an id", lambda lib: lib.replace(COUNTY, "id: county", "id: coun\u200bty"), "E-INVISIBLE", COUNTY, 1, 9, "删除"),
    ("right-to-left override in a name", lambda lib: lib.replace(COUNTY, "name: 示例县", "name: 示例\u202e县"),
     "E-INVISIBLE", COUNTY, 2, 9, "显示顺序"),
    ("escape control character", lambda lib: lib.replace(COUNTY, "name: 示例县", "name: 示例\x1b县"), "E-INVISIBLE", COUNTY, 2, 9, "删除"),
    ("line separator shifts no line", lambda lib: lib.replace(COUNTY, "level: 区县", "level: 区\u2028县"),
     "E-INVISIBLE", COUNTY, 3, 9, "换行"),
    ("NUL byte after Chinese text", lambda lib: lib.write(COUNTY, "id: county\nname: 示例县示例县\x00x\n".encode()), "E-NUL", COUNTY, 2, 13, "删除"),
    ("UTF-16 without BOM", lambda lib: lib.write(COUNTY, county().encode("utf-16-le")), "E-ENCODING", COUNTY, 0, 0, "--fix"),
    ("truncated UTF-8 at the end", lambda lib: lib.write(COUNTY, county("aliases:\n  - 示").encode()[:-1]),
     "E-ENCODING", COUNTY, 6, 5, "末尾"),
    ("one broken character in a UTF-8 file", lambda lib: lib.write(COUNTY, county().encode().replace("县".encode(), b"\xe5\x8e", 1)),
     "E-ENCODING", COUNTY, 2, 9, "乱码"),
    # markup in disguise
    ("title of HTML entities", lambda lib: lib.replace(CASE, "title: 示例县“红色示范”工程", 'title: "&lt;script&gt;alert(1)&lt;/script&gt;"'),
     "E-MARKUP", CASE, 2, 9, "删除"),
    ("entity in a plain-text title", lambda lib: lib.replace(CASE, "title: 示例县“红色示范”工程", "title: 示例县&nbsp;工程"),
     "E-MARKUP", CASE, 2, 11, "空格"),
    ("link scheme split by an encoded tab", lambda lib: lib.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                                                                 'summary: "[点我](jav&#x09;ascript:alert(1))"'),
     "E-UNSAFE", CASE, 9, 16, "javascript"),
    ("link scheme split by a real tab", lambda lib: lib.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                                                             'summary: "[点我](jav\\tascript:alert(1))"'),
     "E-UNSAFE", CASE, 9, 16, "javascript"),
    ("upper-case script link", lambda lib: lib.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                                                    "summary: '[点我](JavaScript:alert(1))'"),
     "E-UNSAFE", CASE, 9, 16, "javascript"),
    ("template syntax in text", lambda lib: lib.replace(CASE, "summary: 示例县", "summary: 示例县{{ site.name }}"),
     "W-LITERAL", CASE, 9, 13, "删除"),
    ("template tag in a block", lambda lib: lib.replace(CASE, "summary: 示例县", BLOCK.format("|", "{% include 'x' %}")),
     "W-LITERAL", CASE, 12, 3, "删除"),
    # hints that fit
    ("list item folded into the one above", lambda lib: lib.replace(CASE, "  - demo-site", "  - demo-site\n    demo-x"),
     "E-ID", CASE, 26, 5, "在第 27 行开头写“- ”"),
    ("lesson hours as a clock time", lambda lib: lib.replace("curricula/demo-course.yml", "hours: 2", "hours: 1:30"),
     "E-NUMBER", "curricula/demo-course.yml", 14, 16, "写成 1.5"),
    # exams (试卷) drawn from the bank
    ("exam asks for more questions than the bank has",
     lambda lib: lib.write(HANDOUT, lib.read(HANDOUT) + "exam:\n  parts:\n    - kind: 单选\n      count: 2\n"),
     "E-EXAM-SHORT", HANDOUT, 15, 14, "count"),
    ("exam with no question of a kind",
     lambda lib: lib.write(HANDOUT, lib.read(HANDOUT) + "exam:\n  parts:\n    - kind: 单选\n      count: 1\n"
                                                      "    - kind: 判断\n      count: 3\n"),
     "E-EXAM-SHORT", HANDOUT, 17, 14, "判断"),
    ("exam part of a kind written twice",
     lambda lib: lib.write(HANDOUT, lib.read(HANDOUT) + "exam:\n  parts:\n    - kind: 单选\n      count: 1\n"
                                                      "    - kind: 单选\n      count: 1\n"),
     "E-DUP-LOCAL", HANDOUT, 16, 13, "count"),
    ("exam kind written with 题",
     lambda lib: lib.write(HANDOUT, lib.read(HANDOUT) + "exam:\n  parts:\n    - kind: 单选题\n      count: 1\n"),
     "E-CHOICE", HANDOUT, 14, 13, "“单选”"),
    ("exam drawn from a case",
     lambda lib: lib.write(HANDOUT, lib.read(HANDOUT) + "exam:\n  aspects:\n    - demo-case\n  parts:\n"
                                                      "    - kind: 单选\n      count: 1\n"),
     "E-REF-KIND", HANDOUT, 14, 7, "方面"),
    ("Chinese key for the exam", lambda lib: lib.write(HANDOUT, lib.read(HANDOUT) + "试卷:\n  parts:\n    - kind: 单选\n"
                                                                                  "      count: 1\n"),
     "E-UNKNOWN-KEY", HANDOUT, 12, 1, "“exam”"),
    ("quiz question that does not exist",
     lambda lib: lib.write(HANDOUT, lib.read(HANDOUT) + "questions:\n  - demo-questoin\n"),
     "E-REF", HANDOUT, 13, 5, "demo-question"),
    # rules as data: the 党费 bands, the 发展党员 steps, meeting frequencies, 文书模板 (lines of demo-category.yml)
    ("党费 bands with a gap", lambda lib: lib.replace(MANUAL, "- above: 3000", "- above: 3500"),
     "E-BAND-GAP", MANUAL, 55, 18, "above 改为 3000"),
    ("党费 bands that overlap", lambda lib: lib.replace(MANUAL, "- above: 3000", "- above: 2000"),
     "E-BAND-OVERLAP", MANUAL, 55, 18, "只落在一档"),
    ("党费 band with its bounds reversed", lambda lib: lib.replace(MANUAL, "- up_to: 3000", "- above: 3000\n          up_to: 3000"),
     "E-BAND-OVERLAP", MANUAL, 54, 18, "上限应当大于下限"),
    ("last 党费 band closed above", lambda lib: lib.replace(MANUAL, "- above: 3000\n", "- above: 3000\n          up_to: 8000\n"),
     "E-BAND-OPEN", MANUAL, 56, 18, "删除最后一档的 up_to"),
    ("first 党费 band not from 0", lambda lib: lib.replace(MANUAL, "- up_to: 3000", "- above: 100\n          up_to: 3000"),
     "E-BAND-OPEN", MANUAL, 53, 18, "从 0 元起算"),
    ("党费 band without its lower bound", lambda lib: lib.replace(MANUAL, "- above: 3000\n          rate: 1%", "- rate: 1%"),
     "E-MISSING", MANUAL, 55, 11, "above: 3000"),
    ("党费 rate above 100%", lambda lib: lib.replace(MANUAL, "rate: 1%", "rate: 150%"), "E-RANGE", MANUAL, 56, 17, "百分数"),
    ("党费 example read as progressive", lambda lib: lib.replace(MANUAL, "amount: 30.01", "amount: 15.01"),
     "E-DUES-EXAMPLE", MANUAL, 64, 19, "全部收入"),
    ("党费 example of an unknown case", lambda lib: lib.replace(MANUAL, "amount: 30.01", "amount: 30.01\n          case: studnet"),
     "E-LOCAL-REF", MANUAL, 65, 17, "student"),
    ("党费 case with a fixed amount and bands", lambda lib: lib.replace(MANUAL, "fixed: 0.2\n", "fixed: 0.2\n          bands:\n            - rate: 1%\n"),
     "E-ONE-OF", MANUAL, 60, 18, "删除 bands"),
    ("step counting from a missing step", lambda lib: lib.replace(MANUAL, "- after: 1", "- after: 7"),
     "E-LOCAL-REF", MANUAL, 43, 24, "1、2"),
    ("step counting from a later step", lambda lib: lib.replace(MANUAL, "- after: 1", "- after: 2"),
     "E-STEP-ORDER", MANUAL, 43, 24, "前面的步骤"),
    ("steps numbered with a gap", lambda lib: lib.replace(MANUAL, "- number: 2\n            title: 党组织", "- number: 3\n            title: 党组织"),
     "E-STEP-ORDER", MANUAL, 40, 21, "连续编号"),
    ("negative interval", lambda lib: lib.replace(MANUAL, "within: 1个月", "within: -1个月"), "E-INTERVAL", MANUAL, 44, 25, "正数"),
    ("interval in Chinese numerals", lambda lib: lib.replace(MANUAL, "within: 1个月", "within: 一个月"), "E-INTERVAL", MANUAL, 44, 25, "1个月"),
    ("interval both at least and within", lambda lib: lib.replace(MANUAL, "within: 1个月", "within: 1个月\n                at_least: 1年"),
     "E-ONE-OF", MANUAL, 43, 17, "at_least"),
    ("quarter of a quarterly meeting", lambda lib: lib.replace(MANUAL, "every: 每季度", "every: 每季度\n        quarter: 第四季度"),
     "E-ONE-OF", MANUAL, 32, 18, "每年"),
    ("meeting held by an unknown body", lambda lib: lib.replace(MANUAL, "held_by: 支部", "held_by: 党支部"),
     "E-CHOICE", MANUAL, 30, 18, "支部"),
    ("form part with two contents", lambda lib: lib.replace(FORM, "  - sign:", "    heading: 签字\n  - sign:"),
     "E-ONE-OF", FORM, 9, 5, "分成几个部分"),
    ("form naming an unknown template", lambda lib: lib.replace(MANUAL, "template: demo-form", "template: demo-from"),
     "E-REF", MANUAL, 20, 19, "demo-form"),
]


@pytest.mark.parametrize("name, change, code, file, line, column, hint", CASES, ids=[c[0] for c in CASES])
def test_defect_is_reported_at_its_position(library: Library, name, change, code, file, line, column, hint):
    change(library)
    report = library.check()
    problem = only(report, code)
    assert problem.file == f"data/{file}"
    assert (problem.line, problem.column) == (line, column)
    assert hint in problem.hint
    assert report.failed(strict=True)
    assert report.failed() == code.startswith("E-")


def test_clean_minimal_library_has_no_problem(library: Library):
    assert library.check().problems == []


def test_the_data_can_say_a_source_gives_no_year(library: Library):
    library.replace(CASE, "    year: 2023\n    source", "    year: 不详\n    source")
    library.replace(SITE, "    year: 2022", "    year: 不详")
    library.replace(SOURCE, "date: 2023-05-01", "date: 不详")
    assert library.check().problems == []


def test_a_run_since_a_year_over_several_years(library: Library):
    library.replace(CASE, "    year: 2023\n    source", "    since: 2018\n    over_years: 5\n    period: 自2018年以来\n    source")
    assert library.check().problems == []


def test_utf8_bom_is_accepted(library: Library):
    library.write(COUNTY, "\ufeff" + library.read(COUNTY))
    assert library.check().problems == []


def test_duplicate_id_names_both_places(library: Library):
    library.write("regions/county-copy.yml", county())
    problem = only(library.check(), "E-DUP-ID")
    assert [(a.file, a.line) for a in problem.also] == [("data/regions/county-copy.yml", 1)] or \
        [(a.file, a.line) for a in problem.also] == [("data/regions/county.yml", 1)]


def test_three_region_cycle_is_reported_once_with_the_loop(library: Library):
    library.write("regions/province.yml", "id: province\nname: 示例省\nlevel: 省\nparent: county\n")
    problem = only(library.check(), "E-CYCLE")
    assert "city → province → county → city" in problem.message
    assert len(problem.also) == 2


def test_numbers_that_only_look_personal_are_not_flagged(library: Library):
    almost_id = valid_resident_id()[:-1] + ("1" if valid_resident_id()[-1] != "1" else "2")
    library.replace(CASE, "summary: 示例县", f"summary: 编号{almost_id}，金额12345678901234元，电话0531-12345678，示例县")
    assert [p for p in library.check().problems if p.code == "E-PERSONAL"] == []


def test_personal_data_is_masked_in_the_message(library: Library):
    library.replace(CASE, "summary: 示例县", f"summary: 身份证{valid_resident_id()}示例县")
    problem = only(library.check(), "E-PERSONAL")
    assert valid_resident_id() not in problem.message
    assert "110***********" in problem.message


def test_alias_bomb_and_huge_file_are_refused_quickly(library: Library):
    bomb = "a: &a [" + ",".join(["x"] * 10) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
    library.write(COUNTY, county(bomb))
    library.write("regions/huge.yml", "id: huge\nname: 巨大\nlevel: 省\nsummary: '" + "甲" * 600_000 + "'\n")
    started = time.perf_counter()
    report = library.check()
    assert time.perf_counter() - started < 5
    assert only(report, "E-ALIAS").line == 5
    assert only(report, "E-SIZE").file == "data/regions/huge.yml"


def test_every_problem_is_collected_in_one_run(library: Library):
    library.replace(CASE, "year: 2023\norg", "year: 3023\norg")
    library.replace(CASE, "region: county", "region: countyy")
    library.write(COUNTY.replace("county", "county"), county(level="县"))
    codes = sorted(p.code for p in library.check().problems)
    assert codes == ["E-CHOICE", "E-YEAR"]  # region error suppressed: county.yml itself is invalid


def test_id_differing_from_file_name_is_a_warning(library: Library):
    library.write("regions/county.yml", county(id="county2"))
    library.replace(CASE, "region: county", "region: county2")
    for rel in ("sites/demo-site.yml", "curricula/demo-course.yml", "practices/demo-practice.yml"):
        library.replace(rel, "region: county", "region: county2")
    report = library.check()
    problem = only(report, "W-ID-FILE")
    assert (problem.line, problem.column) == (1, 5)
    assert not report.failed() and report.failed(strict=True)


def test_quote_without_the_figure_is_a_warning(library: Library):
    library.replace(CASE, "quote: 累计认证党务干部200余名", "quote: 累计认证党务干部若干名")
    problem = only(library.check(), "W-QUOTE")
    assert (problem.line, problem.column) == (24, 12)


def test_manual_shape_is_checked(library: Library):
    from generator import Settings, check
    _, report = check(Settings(data_dir=library.data))
    assert "现有 1 个大项、1 个方面" in only(report, "E-MANUAL-SHAPE").message


def test_fast_and_event_paths_build_the_same_tree():
    """Files with anchors or deep nesting take the event path; both paths must agree on the rest."""
    from generator.core.yamlnodes import MappingNode, ScalarNode, build_tree, position
    from tests.support.library import MINIMAL

    def shape(node):
        if node.__class__ is ScalarNode:
            return ("s", node.value, bool(node.style), position(node))
        if node.__class__ is MappingNode:
            return ("m", position(node), [(shape(k), shape(v)) for k, v in node.value])
        return ("l", position(node), [shape(i) for i in node.value])

    texts = [p.read_text(encoding="utf-8") for p in sorted(MINIMAL.rglob("*.yml"))]
    texts += ["---\n", "a: 'x'\nb: |\n  多行\n  文字\nc: [1, {d: e}]\n", "a: 1\na: 2\n", "x: !!str y\n",
              "- a\n- b: c\n", "a: b: c\n"]
    for text in texts:
        fast, slow = build_tree(text, 24), build_tree(text, 24, events=True)
        assert fast.plain == slow.plain, text
        assert (fast.root is None) == (slow.root is None)
        if fast.root is not None:
            assert shape(fast.root) == shape(slow.root), text
        assert [(p.code, p.line, p.column, p.field) for p in fast.problems] == \
            [(p.code, p.line, p.column, p.field) for p in slow.problems], text


def test_duplicate_option_key_names_the_first_one(library: Library):
    library.replace(QUESTION, "key: C", "key: A")
    problem = only(library.check(), "E-OPTION-DUP")
    assert problem.field == "options[2].key"
    assert [(a.file, a.line, a.column) for a in problem.also] == [(f"data/{QUESTION}", 6, 10)]


def test_every_question_kind_passes_when_its_answer_fits(library: Library):
    library.write("questions/demo-judgement.yml", library.read(QUESTION).replace("id: demo-question", "id: demo-judgement")
                  .replace("kind: 单选", "kind: 判断").replace(OPTIONS, "").replace("  - B\n", "  - 正确\n"))
    library.write("questions/demo-multiple.yml", library.read(QUESTION).replace("id: demo-question", "id: demo-multiple")
                  .replace("kind: 单选", "kind: 多选").replace("  - B\n", "  - A\n  - C\n"))
    library.write("questions/demo-short.yml", library.read(QUESTION).replace("id: demo-question", "id: demo-short")
                  .replace("kind: 单选", "kind: 简答").replace(OPTIONS, "").replace("  - B\n", "  - 每月1次\n  - 可随时召开\n"))
    for rel in ("questions/demo-judgement.yml", "questions/demo-multiple.yml", "questions/demo-short.yml"):
        library.replace(rel, "stem: 支部委员会会议", f"stem: （{rel}）支部委员会会议")
    assert library.check().problems == []


def test_messages_quote_braces_and_links_as_written(library: Library):
    library.replace(CASE, "summary: 示例县", BLOCK.format("|", "示例{: onclick=\"alert(1)\" }"))
    assert '"{: onclick="alert(1)" }"' in only(library.check(), "E-UNSAFE").message
    library.replace(CASE, "示例{: onclick=\"alert(1)\" }", "[点我](javascript:alert(1))")
    assert '"javascript:alert(1)"' in only(library.check(), "E-UNSAFE").message


def test_range_error_names_the_value_field(library: Library):
    library.replace(CASE, "value: 200\n    qualifier: 余\n    unit: 名", "value: 20\n    value_to: 120\n    unit: '%'")
    problem = only(library.check(), "E-RANGE")
    assert (problem.field, problem.line, problem.column) == ("metrics[0].value_to", 20, 15)


def test_over_deep_file_prints_a_bounded_report(library: Library):
    from generator.core.problems import format_text

    library.write(COUNTY, county("deep: " + "{a: " * 100_000 + "}" * 100_000 + "\n"))
    report = library.check()
    assert only(report, "E-DEPTH").line == 5
    assert len(format_text(report)) < 1000


def test_long_line_is_quoted_clipped_around_the_column(library: Library):
    from generator.core.problems import format_problem

    library.replace(CASE, "summary: 示例县", "summary: " + "甲" * 3000 + "<iframe src=x></iframe>" + "乙" * 3000 + "示例县")
    report = library.check()
    problem = only(report, "E-UNSAFE")
    assert (problem.line, problem.column) == (9, 3010)
    quoted, carets = format_problem(problem, report.texts[problem.file]).splitlines()[1:3]
    assert len(quoted) < 130 and quoted.startswith("  9 | …") and quoted.endswith("…")
    assert "<iframe src=x>" in quoted
    marked = quoted.index("<iframe")  # carets sit under the tag, counted in display columns
    from generator.core.problems import display_width
    assert carets.index("^") == display_width(quoted[:marked])


def test_personal_data_is_masked_in_the_quoted_line_and_json(library: Library):
    import json

    from generator.core.problems import format_json, format_text

    library.replace(CASE, "summary: 示例县", f"summary: 身份证{valid_resident_id()}，手机13912345678，示例县")
    report = library.check()
    text, data = format_text(report), format_json(report)
    assert valid_resident_id() not in text and valid_resident_id() not in data
    assert "13912345678" not in text and "13912345678" not in data
    assert "身份证110***********002X，手机139****5678" in text
    rows = json.loads(data)["problems"]
    assert all("110***********002X" in row["source"] for row in rows)


def test_invisible_characters_are_made_visible_in_the_quoted_line(library: Library):
    from generator.core.problems import format_text

    library.replace(COUNTY, "name: 示例县", "name: 示例\u202e县abc")
    text = format_text(library.check())
    assert "\u202e" not in text and "name: 示例\ufffd县abc" in text


def test_what_only_looks_odd_is_not_flagged(library: Library):
    """A Chinese paragraph may open with 全角空格 inside a block, an emoji keeps its joiner,
    R&D is not an entity, single braces are not template syntax, a Tab inside text is text."""
    library.replace(CASE, "summary: 示例县以认证和帮带推动两新组织党建规范化。",
                    "summary: |\n  \u3000\u3000第一段，R&D 与 {a} 以及 a{b}c。\n  \u3000\u3000第二段👨\u200d👩\u200d👧。\n  \t缩进")
    assert library.check().problems == []


def test_a_control_character_never_crashes_the_check(library: Library):
    for char in ("\x01", "\x7f", "\x85", "\ufffe", "\u2029"):
        library.write(COUNTY, county(f"aliases:\n  - 示{char}例\n"))
        problem = only(library.check(), "E-INVISIBLE")
        assert (problem.line, problem.column) == (6, 6), char
def test_a_broken_manual_file_does_not_cascade_into_its_aspects_referrers(library: Library):
    """A category that fails validation takes its aspects with it; the case, question and handout
    that cite an aspect are not reported again: one mistake, one message."""
    library.replace(MANUAL, "          rate: 1%", "          rate: 一%")
    assert [(p.code, p.file, p.line) for p in library.check().problems] == [("E-NUMBER", f"data/{MANUAL}", 56)]

"""Problems: a value with a position, collected by every stage and formatted separately.

Codes are stable: editors look them up on the site's 错误代码 page and tools match on them.
Codes starting with ``E-`` are errors (the build stops); ``W-`` are warnings (``--strict`` makes
them fatal).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from .chars import SHOWN_AS_REPLACEMENT
from .textcheck import mask_personal_data

CODES: dict[str, str] = {
    "E-ENCODING": "文件不是 UTF-8 编码",
    "E-NUL": "文件含有 NUL 空字节（可能是二进制文件或 UTF-16 文件）",
    "E-SIZE": "文件过大",
    "E-EMPTY-FILE": "文件为空，没有记录",
    "E-SYNTAX": "YAML 语法错误（缩进、冒号、引号）",
    "E-INDENT": "缩进用了空格以外的字符（Tab、全角空格、不换行空格）",
    "E-INVISIBLE": "看不见的字符（零宽字符、文件中间的 BOM、文字方向控制符、控制字符）",
    "E-MULTIDOC": "一个文件里有多个 YAML 文档",
    "E-ROOT": "文件顶层不是一条记录（键值对）",
    "E-DUPKEY": "同一层里键重复",
    "E-ALIAS": "使用了 YAML 锚点或别名（& / *）",
    "E-TAG": "使用了 YAML 标签（!! 或 !）",
    "E-DEPTH": "嵌套层级过深",
    "E-MISSING": "缺少必填字段",
    "E-UNKNOWN-KEY": "未知字段",
    "E-EMPTY": "值为空",
    "E-TYPE": "值的类型不对（应为文字、列表或键值对）",
    "E-NUMBER": "不是数字",
    "E-RANGE": "数值超出允许范围",
    "E-YEAR": "年份写法或范围不对",
    "E-DATE": "日期写法不对或日期不存在",
    "E-TIME": "数字的时间自相矛盾（year 与 since 同时写，或与 period 写的年份不符）",
    "E-BOOL": "应为 true 或 false",
    "E-CHOICE": "不是允许的选项",
    "E-TOO-FEW": "列表项太少",
    "E-ID": "编号（id）格式不对",
    "E-MARKUP": "纯文本字段里有 HTML 标记",
    "E-UNSAFE": "Markdown 里有不安全的 HTML 或链接",
    "E-PERSONAL": "含有个人信息（身份证号、手机号）",
    "E-DUP-ID": "编号重复",
    "E-REF": "引用的编号不存在",
    "E-REF-KIND": "引用的记录类型不对",
    "E-SELF-REF": "记录引用了自己",
    "E-CYCLE": "循环引用",
    "E-LOCAL-REF": "引用的局部编号（指标、课时、维度、步骤、特殊情形）不存在",
    "E-DUP-LOCAL": "同一记录内局部编号或序号重复",
    "E-MANUAL-SHAPE": "手册的大项或方面数量不对",
    "E-OPTIONS": "题目的选项与题型不符（单选、多选缺少选项，或判断、简答写了选项）",
    "E-OPTION-KEY": "选项字母不对（应为 A—F，按顺序排列）",
    "E-OPTION-DUP": "同一道题里选项字母重复",
    "E-ANSWER-KEY": "答案不是本题的选项字母，或判断题答案不是“正确”“错误”",
    "E-ANSWER-COUNT": "答案个数与题型不符（单选、判断 1 个，多选至少 2 个）",
    "E-EXAM-SHORT": "试卷某一题型要的题数多于所选方面在题库中的题目",
    "E-FOLDER": "文件不在任何记录类型的文件夹中",
    "E-XLSX": "导入的文件不是 .xlsx 工作簿（.xls、.et、.ods、改了扩展名的 CSV 或网页），或已损坏",
    "E-SHEET": "工作表名称无法识别，或缺少应有的工作表",
    "E-HEADER": "列标题缺少、无法识别或重复",
    "E-MERGED": "工作表中有合并单元格",
    "E-FORMULA": "单元格是公式（导入只读填写的内容）",
    "E-CELL": "Excel 改变了单元格的值（编号变成数字、文字变成日期、长数字丢了位数）",
    "E-ROWS": "工作表的行数超过上限（一万行）",
    "E-BAND-GAP": "党费档次之间有空缺（下一档的下限高于上一档的上限）",
    "E-BAND-OVERLAP": "党费档次重叠，或一档的上限不高于下限",
    "E-BAND-OPEN": "党费档次没有覆盖全部收入（首档不从 0 起算、末档有上限，或中间一档没有上限）",
    "E-DUES-EXAMPLE": "党费示例的金额与档次表算出的不符",
    "E-STEP-ORDER": "发展党员的阶段或步骤序号不连续，或时限从后面的步骤算起",
    "E-INTERVAL": "时限写法不对，或不是正数（应为 1年、半年、3个月、30天 这样的时间长度）",
    "E-ONE-OF": "字段搭配不对：几项只能（也必须）写其中一项，或某项只在特定情形下才能写",
    "W-ID-FILE": "编号与文件名不一致",
    "W-STRAY-FILE": "数据文件夹中有不是 .yml 的文件",
    "W-QUOTE": "指标的引文中找不到这个数字",
    "W-DUP-TITLE": "两条记录标题相同",
    "W-LITERAL": "文字里有模板语法（{{ }}、{% %}），网站会原样显示",
}


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data. ``line`` and ``column`` are 1-based; 0 means the whole file."""

    code: str
    message: str
    file: str
    line: int = 0
    column: int = 0
    field: str = ""
    hint: str = ""
    span: int = 1
    also: tuple[Location, ...] = ()
    fixable: bool = False
    """``hongling check --fix`` repairs it mechanically (re-encoding, odd spaces, invisible characters)."""

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E-")

    @property
    def level_label(self) -> str:
        return "错误" if self.is_error else "警告"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


@dataclass
class Report:
    """All problems of one run, and the text of each file so that lines can be quoted."""

    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)


def display_width(text: str) -> int:
    """Terminal columns: CJK characters are two columns wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


MAX_SOURCE_CHARS = 100
"""A quoted source line longer than this is shown clipped around the column (a minified line or a
100,000-deep nesting must not flood a terminal or a CI log)."""
MAX_MESSAGE_CHARS = 400
CLIP = "…"
def _clip(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + CLIP


def excerpt(problem: Problem, text: str | None) -> tuple[str, str] | None:
    """The quoted source line (masked, clipped, invisible characters made visible) and the caret
    line under it, or ``None`` when the problem has no line to quote."""
    if text is None or not problem.line:
        return None
    lines = text.split("\n")
    if problem.line > len(lines):
        return None
    source = mask_personal_data(lines[problem.line - 1].rstrip("\r")).translate(SHOWN_AS_REPLACEMENT)
    start = max(problem.column - 1, 0)
    end = start + max(problem.span, 1)
    left = ""
    if len(source) > MAX_SOURCE_CHARS:
        first = max(0, min(start - MAX_SOURCE_CHARS // 3, len(source) - MAX_SOURCE_CHARS))
        last = first + MAX_SOURCE_CHARS
        left = CLIP if first > 0 else ""
        source = left + source[first:last] + (CLIP if last < len(source) else "")
        start, end = start - first + len(left), min(end - first + len(left), len(source))
    marked = source[start:end]
    carets = "^" * max(display_width(marked), 1)
    return source, " " * display_width(source[:start]) + carets


def format_problem(problem: Problem, text: str | None = None) -> str:
    where = problem.file
    if problem.line:
        where += f":{problem.line}:{problem.column}"
    head = f"{where}: {problem.level_label} {problem.code}"
    if problem.field:
        head += f" 字段 {_clip(problem.field, 80)}"
    out = [f"{head}：{_clip(mask_personal_data(problem.message))}"]
    quoted = excerpt(problem, text)
    if quoted is not None:
        number = str(problem.line)
        out.append(f"  {number} | {quoted[0]}")
        out.append(f"  {' ' * len(number)} | {quoted[1]}")
    for other in problem.also:
        out.append(f"  另见：{other.file}:{other.line}:{other.column}")
    if problem.hint:
        out.append(f"  提示：{_clip(mask_personal_data(problem.hint))}")
    return "\n".join(out)


def format_text(report: Report) -> str:
    blocks = [format_problem(p, report.texts.get(p.file)) for p in report.sorted()]
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"共 {errors} 个错误，{warnings} 个警告。" if (errors or warnings) else "数据检查通过，没有发现问题。"
    return "\n\n".join(blocks + [summary])


def format_json(report: Report) -> str:
    rows = []
    for problem in report.sorted():
        row = asdict(problem)
        row["message"] = mask_personal_data(problem.message)
        row["hint"] = mask_personal_data(problem.hint)
        row["level"] = "error" if problem.is_error else "warning"
        row["also"] = [asdict(a) for a in problem.also]
        quoted = excerpt(problem, report.texts.get(problem.file))
        row["source"] = quoted[0] if quoted else ""
        rows.append(row)
    return json.dumps({"errors": len(report.errors), "warnings": len(report.warnings), "problems": rows},
                      ensure_ascii=False, indent=2)

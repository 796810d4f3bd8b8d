"""The ``hongling`` command: check the data, write JSON Schemas, export and import workbooks,
build, preview and publish the site.

``check`` and ``schema`` need nothing but the core; ``export`` and ``import`` the core and
:mod:`generator.sheets`; ``build`` and ``serve`` run MkDocs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core import fix
from .core.check import check
from .core.problems import CODES, format_json, format_text
from .core.schema import KINDS
from .core.settings import Settings
from .options import build_epoch, plugin_options, settings_from

if TYPE_CHECKING:  # the sheets are imported only by the commands that use them
    from .sheets.layout import KindLayout

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class ChineseParser(argparse.ArgumentParser):
    """argparse with its own words in Chinese, exiting 2 on usage errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "用法：", 1).replace("\noptions:\n", "\n选项：\n").replace(
            "\npositional arguments:\n", "\n参数：\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        translated = (message.replace("the following arguments are required", "缺少参数")
                      .replace("unrecognized arguments", "无法识别的参数")
                      .replace("invalid choice", "无效的选项")
                      .replace("argument", "参数"))
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{translated}\n")


def _ensure_utf8_output() -> None:
    """Chinese messages must print even under LC_ALL=C or a legacy console code page."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "错误".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]


def settings_from_args(args: argparse.Namespace, repo_build: bool = False) -> Settings:
    """Settings from mkdocs.yml's plugin options and ``--data``; ``repo_build`` (build, pack) dates
    the build from the last commit when SOURCE_DATE_EPOCH is not set."""
    config = Path(args.config)
    base = config.resolve().parent
    data = Path(args.data) if getattr(args, "data", None) else None
    return settings_from(plugin_options(config), base, build_epoch(base if repo_build else None), data)


def cmd_check(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    if args.dry_run and not args.fix:
        print("--dry-run 只能和 --fix 一起使用。", file=sys.stderr)
        return EXIT_USAGE
    fixes = fix.plan(settings) if args.fix else []
    if not args.dry_run:
        for planned in fixes:
            if not planned.refused:
                fix.write(planned)
    kb, report = check(settings)
    if args.format == "json":
        output = json.loads(format_json(report))
        if args.fix:
            output["fixes"] = fix.fix_rows(fixes, args.dry_run)
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return EXIT_DATA if report.failed(args.strict) else EXIT_OK
    if args.fix:
        print(fix.format_fixes(fixes, args.dry_run))
        print("\n以下是当前数据（尚未修改）的检查结果：\n" if args.dry_run and fixes else "")
    print(format_text(report))
    if not report.failed(args.strict):
        counts = "，".join(f"{kind} {n}" for kind, n in kb.counts().items())
        print(f"记录数：{counts}")
    return EXIT_DATA if report.failed(args.strict) else EXIT_OK


def _label_properties(schema: Any) -> None:
    """Give every property a Chinese title so that editors see 标题, 地区 … when they hover a key."""
    from .core.validate import FIELD_LABELS

    if isinstance(schema, dict):
        for name, prop in (schema.get("properties") or {}).items():
            if isinstance(prop, dict) and name in FIELD_LABELS:
                prop["title"] = f"{FIELD_LABELS[name]}（{name}）"
        for value in schema.values():
            _label_properties(value)
    elif isinstance(schema, list):
        for value in schema:
            _label_properties(value)


def cmd_schema(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for spec in KINDS:
        schema = spec.model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{spec.label}（{spec.name}）"
        _label_properties(schema)
        path = out / f"{spec.name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"已写入 {path}")
    return EXIT_OK


def _site_config(args: argparse.Namespace) -> Path | None:
    """mkdocs.yml for commands that build; ``None`` (after saying so) when it is missing."""
    config = Path(args.config)
    if config.is_file():
        return config
    print(f"找不到站点配置文件 {config}。在项目根目录运行，或用 --config 指定 mkdocs.yml。", file=sys.stderr)
    return None


def _publish(args: argparse.Namespace, config: Path, settings: Settings, out: Path | None) -> Any:
    """Build and swap into place; strict when asked on the command line or in mkdocs.yml."""
    from .publish.build import publish  # MkDocs is imported only to build

    strict = args.strict or bool(plugin_options(config).get("strict"))
    outcome = publish(config, settings, out, strict)
    print(outcome.message, file=sys.stdout if outcome.ok else sys.stderr)
    return outcome


def cmd_build(args: argparse.Namespace) -> int:
    config = _site_config(args)
    if config is None:
        return EXIT_USAGE
    args.data = None  # build reads the data folder set in mkdocs.yml, like the plugin does
    outcome = _publish(args, config, settings_from_args(args, repo_build=True), Path(args.out) if args.out else None)
    return EXIT_OK if outcome.ok else EXIT_DATA


def cmd_pack(args: argparse.Namespace) -> int:
    from .publish.pack import pack

    config = _site_config(args)
    if config is None:
        return EXIT_USAGE
    args.data = None
    settings = settings_from_args(args, repo_build=True)
    if args.site:
        site = Path(args.site)
        if not (site / "index.html").is_file():
            print(f"{site} 不是生成好的站点（没有 index.html）。先运行 hongling build，或去掉 --site。", file=sys.stderr)
            return EXIT_USAGE
        kb, report = check(settings)
    else:
        outcome = _publish(args, config, settings, None)
        if not outcome.ok or outcome.site_dir is None or outcome.built is None:
            return EXIT_DATA
        site, kb, report = outcome.site_dir, outcome.built.kb, outcome.built.report
    if report.failed(False):
        print(format_text(report) + "\n\n数据有错误，没有打包。", file=sys.stderr)
        return EXIT_DATA
    dist = Path(args.out) if args.out else config.resolve().parent / "dist"
    packed = pack(site, settings.data_dir, kb.counts(), dist, settings.source_date_epoch)
    info = packed.manifest
    print(f"已打包：{packed.zip_path}")
    print(f"已打包：{packed.tar_path}")
    print(f"版本 {info['version']}，数据版本 {info['data_revision']}，生成日期 {info['build_date']}，"
          f"{info['pages']} 个页面，{packed.files} 个文件（用时 {packed.seconds:.1f} 秒）")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from .publish.pack import MANIFEST, SUMS, verify

    root = Path(args.dir)
    if not root.is_dir():
        print(f"找不到文件夹 {root}。", file=sys.stderr)
        return EXIT_USAGE
    verdict = verify(root)
    if verdict.ok:
        print(f"完好：{root} 中的 {verdict.checked} 个文件与 {SUMS}、{MANIFEST} 一致。")
        return EXIT_OK
    for line in verdict.lines():
        print(line)
    print(f"校验失败：{root} 与站点包不一致（缺少 {len(verdict.missing)} 个、多出 {len(verdict.extra)} 个、"
          f"改动 {len(verdict.changed)} 个文件）。请重新解压原始站点包。")
    return EXIT_DATA


def cmd_serve(args: argparse.Namespace) -> int:
    from .publish.build import mkdocs_build_date
    from .serve.server import serve

    config = _site_config(args)
    if config is None:
        return EXIT_USAGE
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        print(f"地址 {args.dev_addr} 不对：应写成 主机:端口，如 127.0.0.1:8000。", file=sys.stderr)
        return EXIT_USAGE
    args.data = None
    strict = args.strict or bool(plugin_options(config).get("strict"))

    def settings() -> Settings:  # read again when mkdocs.yml changes
        return settings_from_args(args, repo_build=True)

    with mkdocs_build_date(settings().source_date_epoch):
        return serve(config, settings, strict, host, int(port), args.poll, args.open)


def _kinds_named(words: Sequence[str]) -> list[KindLayout] | str:
    """The layouts of the kinds named by name or Chinese label, or what is wrong with a word."""
    from .sheets.layout import NotTabular, kind_layout, tabular_kinds

    known = {spec.name: spec for spec in KINDS} | {spec.label: spec for spec in KINDS}
    layouts: list[KindLayout] = []
    for word in words:
        spec = known.get(word)
        if spec is None:
            choices = "、".join(f"{layout.kind.name}（{layout.kind.label}）" for layout in tabular_kinds().values())
            return f"没有 “{word}” 这类记录。可以导出：{choices}。"
        try:
            layouts.append(kind_layout(spec))
        except NotTabular as error:
            return str(error)
    return layouts


def cmd_export(args: argparse.Namespace) -> int:
    from .sheets.export import build, workbook_bytes
    from .sheets.layout import default_kinds

    out = Path(args.file)
    if out.suffix.lower() != ".xlsx":
        print(f"导出的文件名应以 .xlsx 结尾：{out}", file=sys.stderr)
        return EXIT_USAGE
    layouts = _kinds_named(args.kinds or default_kinds())
    if isinstance(layouts, str):
        print(layouts, file=sys.stderr)
        return EXIT_USAGE
    kb, report = check(settings_from_args(args))
    if report.errors:
        print(format_text(report) + "\n\n数据有错误，没有导出：先改正上面的错误。", file=sys.stderr)
        return EXIT_DATA
    try:
        out.write_bytes(workbook_bytes(build(layouts, kb, template=args.template)))
    except OSError as error:
        print(f"无法写入 {out}：{error.strerror or error}（文件正在 Excel 或 WPS 中打开的，先关闭它）。", file=sys.stderr)
        return EXIT_USAGE
    if args.template:
        print(f"已写入模板 {out}：" + "、".join(layout.kind.label for layout in layouts) + "，每张表一行示例（以 # 开头，导入时跳过）。")
    else:
        print(f"已导出 {out}：" + "，".join(f"{layout.kind.label} {len(kb.of_kind(layout.kind.name))} 条" for layout in layouts) + "。")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from .sheets.apply import import_book

    settings = settings_from_args(args)
    path = Path(args.file)
    outcome = import_book(path, settings, delete_missing=args.delete_missing, strict=args.strict)
    print(outcome.text(path.name, Path.cwd(), args.strict))
    return EXIT_DATA if outcome.failed(args.strict) else EXIT_OK


EXAM_KINDS = (("单选", "single"), ("多选", "multiple"), ("判断", "judge"), ("简答", "short"))
"""The kinds of question as command-line options: the Chinese name and its ASCII twin."""


def cmd_exam(args: argparse.Namespace) -> int:
    """An exam from the question bank as three Word documents: paper, answer sheet, scoring key."""
    import random

    from .handouts.exam import ExamPaper, ExamShort, UnknownAspect, draw, exam_documents, resolve_aspects, source_titles
    from .handouts.word import blocks_docx

    settings = settings_from_args(args)
    kb, report = check(settings)
    if report.failed(False):
        print(format_text(report) + "\n\n数据有错误，没有生成试卷。", file=sys.stderr)
        return EXIT_DATA
    if args.list:
        for category in sorted(kb.of_kind("category"), key=lambda e: e.record.number):
            print(f"{category.record.number}. {category.title}（{category.id}）")
            for aspect in sorted(category.record.aspects, key=lambda a: a.number):
                counts = "、".join(f"{kind} {sum(q.record.aspect == aspect.id and q.record.kind == kind for q in kb.of_kind('question'))}"
                                  for kind, _ in EXAM_KINDS)
                print(f"   {aspect.title}（{aspect.id}）：{counts}")
        return EXIT_OK
    parts = [(kind, getattr(args, ascii_name), None) for kind, ascii_name in EXAM_KINDS if getattr(args, ascii_name)]
    if not parts:
        print("没有指定题数：至少写一种题型的题数，例如 --单选 10 --判断 10。", file=sys.stderr)
        return EXIT_USAGE
    points: dict[str, int] = {}
    for item in args.points or ():
        kind, _, value = item.partition("=")
        if kind not in dict(EXAM_KINDS) or not value.isdigit() or int(value) < 1:
            print(f"分值 “{item}” 写法不对：写成 题型=分数，例如 单选=2 简答=10。", file=sys.stderr)
            return EXIT_USAGE
        points[kind] = int(value)
    try:
        aspects = resolve_aspects(kb, args.aspects or ())
    except UnknownAspect as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    seed = args.seed if args.seed is not None else random.SystemRandom().randint(1, 99999)
    try:
        drawn = draw(kb, aspects, [(kind, count, points.get(kind)) for kind, count, _ in parts], seed)
    except ExamShort as error:
        print(f"{error}减少 --{error.kind} 的题数，或在 --aspects 中增加方面（hongling exam --list 列出各方面的题数）。",
              file=sys.stderr)
        return EXIT_DATA
    paper = ExamPaper(args.name, args.title, args.minutes, seed, tuple(aspects), drawn)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = {"": "", "-sheet": "-答题卡", "-key": "-参考答案"}
    for suffix, (title, subtitle, blocks) in exam_documents(paper, source_titles(kb)).items():
        path = out / f"{args.name}{names[suffix]}.docx"
        path.write_bytes(blocks_docx(title, subtitle, blocks, settings.source_date_epoch))
        print(f"已写入 {path}")
    numbered = len(list(paper.numbered()))
    print(f"共 {numbered} 题，满分 {paper.total} 分，抽题种子 {seed}：用 --seed {seed} 可以再次生成同一份试卷。")
    return EXIT_OK


def cmd_codes(args: argparse.Namespace) -> int:
    for code, title in CODES.items():
        print(f"{code:16} {'错误' if code.startswith('E-') else '警告'}  {title}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="hongling", description="两新组织党建手册与案例库：检查数据、生成站点。")
    parser.add_argument("--config", default="mkdocs.yml", help="站点配置文件（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseParser)
    sub.required = True

    p = sub.add_parser("check", help="检查 data/ 中的全部数据，列出所有错误和警告")
    p.add_argument("--data", help="数据文件夹（默认读取 mkdocs.yml 中的设置，通常是 data/）")
    p.add_argument("--strict", action="store_true", help="严格模式：警告也视为失败")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
    p.add_argument("--fix", action="store_true",
                   help="自动修复机械性的问题（GBK/UTF-16 转 UTF-8、Tab 和全角空格缩进、中文冒号、零宽字符和 BOM），"
                        "列出改动，其余问题留给人工修改")
    p.add_argument("--dry-run", action="store_true", help="与 --fix 一起用：只列出将要做的修改，不写入文件")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("schema", help="为每类记录生成 JSON Schema，供 VS Code 等编辑器自动补全和检查")
    p.add_argument("--out", default="jsonschema", help="输出文件夹（默认 jsonschema/）")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("export", help="把记录导出为 Excel 工作簿（.xlsx），供 Excel、WPS 表格编辑后用 import 导入")
    p.add_argument("file", metavar="文件.xlsx", help="要写入的工作簿")
    p.add_argument("kinds", metavar="类型", nargs="*",
                   help="要导出的记录类型（question、site、term、region、source … 或 题目、阵地、术语 …；默认 题目、阵地、术语）")
    p.add_argument("--template", action="store_true", help="只写空表（带下拉列表和一行示例），用于新建题库或名册")
    p.add_argument("--data", help="数据文件夹（默认读取 mkdocs.yml 中的设置，通常是 data/）")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="检查 Excel 工作簿并把其中的记录写入 data/；有任何错误都不写入")
    p.add_argument("file", metavar="文件.xlsx", help="要导入的工作簿")
    p.add_argument("--delete-missing", action="store_true",
                   help="删除工作簿所含类型中、工作簿里没有列出的记录（默认不删除）")
    p.add_argument("--strict", action="store_true", help="严格模式：有警告也不写入")
    p.add_argument("--data", help="数据文件夹（默认读取 mkdocs.yml 中的设置，通常是 data/）")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("build", help="检查数据并生成站点；全部成功后才替换原有的站点")
    p.add_argument("--strict", action="store_true", help="严格模式：警告（数据或链接）也视为失败")
    p.add_argument("--config", default=argparse.SUPPRESS, help="站点配置文件（默认 mkdocs.yml）")
    p.add_argument("--out", help="站点输出文件夹（默认为 mkdocs.yml 中的 site_dir，通常是 site/）")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("pack", help="生成站点并打包为 .zip 和 .tar.gz（含 MANIFEST.json 和 SHA256SUMS），放到 dist/")
    p.add_argument("--site", help="直接打包这个已生成的站点文件夹，不重新生成")
    p.add_argument("--out", help="站点包的输出文件夹（默认为 mkdocs.yml 旁边的 dist/）")
    p.add_argument("--strict", action="store_true", help="严格模式：警告（数据或链接）也视为失败")
    p.add_argument("--config", default=argparse.SUPPRESS, help="站点配置文件（默认 mkdocs.yml）")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("serve", help="本地预览：修改数据或页面后浏览器自动刷新，只重新生成受影响的页面")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="预览地址（默认 127.0.0.1:8000）")
    p.add_argument("--strict", action="store_true", help="严格模式：数据警告也视为问题，暂停更新")
    p.add_argument("--poll", action="store_true", help="定时扫描文件来发现修改（网络盘等收不到修改通知时使用）")
    p.add_argument("--open", action="store_true", help="启动后在浏览器中打开")
    p.add_argument("--config", default=argparse.SUPPRESS, help="站点配置文件（默认 mkdocs.yml）")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("verify", help="按 SHA256SUMS 和 MANIFEST.json 检查解压后的站点是否完整、未被改动")
    p.add_argument("dir", metavar="文件夹", help="解压后的站点文件夹")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("exam", help="从题库抽题，生成 Word 试卷、答题卡和参考答案（同一个种子总是生成同一份试卷）",
                       description="从题库按方面和题型抽题，生成三个 Word 文件：试卷、答题卡、参考答案及评分标准。"
                                   "例如：hongling exam --aspects 三会一课 党费收缴 --单选 10 --判断 10 --简答 2 --seed 7")
    p.add_argument("--aspects", "--方面", nargs="+", metavar="方面",
                   help="考哪些方面：手册方面或大项的编号或名称，空格或逗号分隔；不写则从全部方面抽题")
    for kind, ascii_name in EXAM_KINDS:
        p.add_argument(f"--{kind}", f"--{ascii_name}", dest=ascii_name, type=int, default=0, metavar="题数",
                       help=f"{kind}题的题数（--{kind} 与 --{ascii_name} 相同）")
    p.add_argument("--分值", "--points", dest="points", nargs="+", metavar="题型=分",
                   help="每题分值，例如 单选=2 简答=10（默认：单选 2、多选 3、判断 1、简答 10）")
    p.add_argument("--seed", "--种子", type=int, metavar="种子", help="抽题种子：同一种子、同一题库生成同一份试卷；不写则随机选一个并显示出来")
    p.add_argument("--title", "--标题", default="党务工作知识测试", metavar="标题", help="试卷标题（默认：党务工作知识测试）")
    p.add_argument("--minutes", "--时间", type=int, metavar="分钟", help="考试时间（分钟），印在标题下")
    p.add_argument("--out", "--输出", default=".", metavar="文件夹", help="输出文件夹（默认当前文件夹）")
    p.add_argument("--name", "--文件名", default="试卷", metavar="名称", help="文件名（默认：试卷.docx、试卷-答题卡.docx、试卷-参考答案.docx）")
    p.add_argument("--list", "--列出", action="store_true", help="只列出全部方面的编号、名称和各题型的题数，不生成试卷")
    p.add_argument("--data", metavar="文件夹", help="数据文件夹（默认读取 mkdocs.yml 中的设置，通常是 data/）")
    p.set_defaults(func=cmd_exam)

    p = sub.add_parser("codes", help="列出全部错误代码及含义")
    p.set_defaults(func=cmd_codes)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _ensure_utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``hongling`` command: check the data, write JSON Schemas, build, preview and publish the site.

``check`` and ``schema`` need nothing but the core; ``build`` and ``serve`` run MkDocs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .core.check import check
from .core.problems import CODES, format_json, format_text
from .core.schema import KINDS
from .core.settings import Settings
from .options import build_epoch, plugin_options, settings_from

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class ChineseParser(argparse.ArgumentParser):
    """argparse with its own words in Chinese, exiting 2 on usage errors."""

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
    kb, report = check(settings_from_args(args))
    if args.format == "json":
        print(format_json(report))
    else:
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
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("schema", help="为每类记录生成 JSON Schema，供 VS Code 等编辑器自动补全和检查")
    p.add_argument("--out", default="jsonschema", help="输出文件夹（默认 jsonschema/）")
    p.set_defaults(func=cmd_schema)

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

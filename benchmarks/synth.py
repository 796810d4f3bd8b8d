"""A deterministic synthetic library, valid against the schema, for benchmarks and scale tests.

Text is assembled from the field's own vocabulary so that Chinese segmentation, search and page
sizes behave as they would with real data; references are as dense as in the embedded library
(each case names practices, aspects, sites and sources; sites point back at cases).

    python benchmarks/synth.py OUT_DIR --cases 1000 --sites 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

PLACES = ["长清", "汶上", "历城", "槐荫", "天桥", "市中", "历下", "章丘", "莱芜", "钢城", "平阴", "济阳", "商河",
          "岳麓", "开福", "天心", "芙蓉", "雨花", "望城", "宁乡", "浏阳", "任城", "兖州", "曲阜", "邹城", "微山"]
WORDS = ["党建引领", "两个覆盖", "三会一课", "主题党日", "红旗支部", "党建指导员", "结对共建", "双向培养", "党员先锋岗",
         "组织生活", "党费返还", "阵地建设", "六有标准", "星级评定", "产业链党委", "党群服务中心", "红领党务认证",
         "企业吹哨", "部门报到", "联系指导", "示范点", "积分管理", "人才培养", "技术骨干", "发展党员", "入党积极分子",
         "新就业群体", "楼宇党建", "园区综合党委", "行业协会商会", "社会组织", "非公企业", "服务企业", "解决难题"]
VERBS = ["推动", "建立", "完善", "探索", "深化", "落实", "健全", "开展", "打造", "提升"]
SITE_KINDS = ["红旗支部", "五星级党组织", "党建示范点", "党群服务站", "实训基地", "工作室", "党建联盟"]
ORG_TYPES = ["非公企业", "社会组织", "行业协会商会", "产业链", "园区楼宇", "新就业群体"]
UNITS = ["名", "个", "家", "次", "项", "万元"]
QUALIFIERS = ["余", "近", "超", None, None]
HEADER = "# yaml-language-server: $schema=../../jsonschema/{kind}.schema.json\n"


def sentence(rng: random.Random, words: int = 4) -> str:
    parts = [rng.choice(VERBS) + rng.choice(WORDS) for _ in range(words)]
    return "，".join(parts) + "。"


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return "".join(sentence(rng, rng.randint(2, 5)) for _ in range(sentences))


def write(root: Path, folder: str, kind: str, record_id: str, body: str) -> None:
    path = root / folder / f"{record_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(kind=kind) + f"id: {record_id}\n" + body, encoding="utf-8")


def block(text: str, indent: int = 2) -> str:
    return "|\n" + "".join(" " * indent + line + "\n" for line in text.splitlines())


def generate(out: Path, cases: int, sites: int, seed: int = 1) -> dict[str, int]:
    """Write a library of ``cases`` cases and ``sites`` sites into ``out``; return record counts."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    regions = ["prov"] + [f"city-{i}" for i in range(10)] + [f"county-{i}" for i in range(max(20, cases // 10))]
    write(out, "regions", "region", "prov", "name: 示例省\nlevel: 省\n")
    for i in range(10):
        write(out, "regions", "region", f"city-{i}", f"name: {PLACES[i]}市\nlevel: 市\nparent: prov\n")
    for i, region in enumerate(regions[11:]):
        write(out, "regions", "region", region,
              f"name: {PLACES[i % len(PLACES)]}{i}区\nlevel: 区县\nparent: city-{i % 10}\n")
    counties = regions[11:]
    source_ids = [f"src-{i}" for i in range(max(10, cases // 5))]
    for i, source in enumerate(source_ids):
        write(out, "sources", "source", source,
              f"title: {rng.choice(PLACES)}“{rng.choice(WORDS)}”工作报道之{i}\nkind: 新闻报道\npublisher: 示例日报\n"
              f"date: {rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}\n")
    write(out, "sources", "source", "reg-zhibu", "title: 中国共产党支部工作条例（试行）\nkind: 党内法规\n")
    aspects = [f"aspect-{c}-{a}" for c in range(9) for a in range(3)][:26]
    for c in range(9):
        mine = [a for a in aspects if a.startswith(f"aspect-{c}-")]
        body = f"number: {c + 1}\ntitle: 第{c + 1}大项{rng.choice(WORDS)}\nsummary: {sentence(rng)}\naspects:\n"
        for n, aspect in enumerate(mine, 1):
            body += (f"  - id: {aspect}\n    number: {n}\n    title: {rng.choice(WORDS)}（{aspect[-3:]}）\n"
                     f"    summary: {sentence(rng)}\n    frequency: 每月一次\n    requirements:\n"
                     + "".join(f"      - {sentence(rng)}\n" for _ in range(3))
                     + "    procedure:\n"
                     + "".join(f"      - title: 第{s}步{rng.choice(VERBS)}\n        detail: {sentence(rng)}\n" for s in range(1, 5))
                     + "    checklist:\n" + "".join(f"      - {rng.choice(WORDS)}已完成\n" for _ in range(3))
                     + "    rules:\n      - source: reg-zhibu\n        point: " + sentence(rng) + "\n")
        write(out, "manual", "category", f"category-{c}", body)
    practices = [f"practice-{i}" for i in range(max(14, cases // 20))]
    case_ids = [f"case-{i}" for i in range(cases)]
    site_ids = [f"site-{i}" for i in range(sites)]
    sites_of: dict[str, list[str]] = {c: [] for c in case_ids}
    for site in site_ids:
        sites_of[rng.choice(case_ids)].append(site)
    for i, case in enumerate(case_ids):
        source = rng.choice(source_ids)
        body = (f"title: {PLACES[i % len(PLACES)]}“{rng.choice(WORDS)}”工程（{i}）\nbrand: “{rng.choice(WORDS)}”\n"
                f"kind: 党建品牌\nregion: {rng.choice(counties)}\nyear: {rng.randint(2015, 2024)}\n"
                f"org_types:\n  - {rng.choice(ORG_TYPES)}\nsummary: {block(paragraph(rng, 4))}problem: {sentence(rng)}\n"
                "practices:\n")
        for p in rng.sample(practices, 3):
            body += (f"  - name: “{rng.choice(WORDS)}”做法\n    practice: {p}\n    description: {block(paragraph(rng, 2), 6)}"
                     f"    aspects:\n      - {rng.choice(aspects)}\n")
        body += "metrics:\n"
        for m in range(4):
            value = rng.randint(2, 900)
            qualifier = rng.choice(QUALIFIERS)
            unit = rng.choice(UNITS)
            body += (f"  - id: m{m}\n    label: {rng.choice(WORDS)}数量\n    value: {value}\n    unit: {unit}\n"
                     + (f"    qualifier: {qualifier}\n" if qualifier else "")
                     + f"    year: {rng.randint(2015, 2024)}\n    source: {source}\n"
                     f"    quote: 累计{rng.choice(VERBS)}{value}{qualifier or ''}{unit}\n")
        body += "aspects:\n" + "".join(f"  - {a}\n" for a in rng.sample(aspects, 2))
        if sites_of[case]:
            body += "sites:\n" + "".join(f"  - {s}\n" for s in sites_of[case])
        body += f"tags:\n  - {rng.choice(WORDS)}\n  - {rng.choice(WORDS)}\nsources:\n  - {source}\n"
        write(out, "cases", "case", case, body)
    for case, owned in sites_of.items():
        for site in owned:
            write(out, "sites", "site", site,
                  f"name: {rng.choice(PLACES)}{rng.choice(WORDS)}{site[5:]}号阵地\nkind: {rng.choice(SITE_KINDS)}\n"
                  f"host: 示例企业{site[5:]}\nhost_type: {rng.choice(ORG_TYPES)}\nregion: {rng.choice(counties)}\n"
                  f"summary: {sentence(rng)}\nhonours:\n  - title: 市级党建示范点\n    level: 市级\n"
                  f"    year: {rng.randint(2015, 2024)}\ncases:\n  - {case}\nsources:\n  - {rng.choice(source_ids)}\n")
    for i, practice in enumerate(practices):
        users = rng.sample(case_ids, min(3, len(case_ids)))
        body = (f"name: {rng.choice(WORDS)}做法{i}\nsummary: {sentence(rng)}\ndimensions:\n  - key: scope\n    label: 范围\n"
                "variants:\n")
        for case in users:
            body += (f"  - region: {rng.choice(counties)}\n    case: {case}\n    name: 本地做法\n"
                     f"    description: {sentence(rng)}\n    values:\n      - key: scope\n        value: 全区\n"
                     f"    source: {rng.choice(source_ids)}\n")
        write(out, "practices", "practice", practice, body)
    for i in range(max(30, cases // 10)):
        write(out, "glossary", "term", f"term-{i}",
              f"term: {rng.choice(WORDS)}{i}\ndefinition: {sentence(rng)}\naspects:\n  - {rng.choice(aspects)}\n")
    for i in range(max(4, cases // 50)):
        lessons = "".join(
            f"      - id: l{m}-{n}\n        title: {rng.choice(WORDS)}专题\n        hours: 2\n        format: 集中授课\n"
            f"        readings:\n          - {rng.choice(aspects)}\n        cases:\n          - {rng.choice(case_ids)}\n"
            for n in range(3) for m in [0])
        write(out, "curricula", "curriculum", f"course-{i}",
              f"title: 培训班{i}\nkind: 培训项目\naudience:\n  - 党组织书记\nsummary: {sentence(rng)}\n"
              f"modules:\n  - id: m0\n    title: 基础模块\n    lessons:\n{lessons}")
    return {folder.name: len(list(folder.glob("*.yml"))) for folder in sorted(out.iterdir())}


def main() -> None:
    parser = argparse.ArgumentParser(description="生成合成数据库（用于基准测试）")
    parser.add_argument("out", type=Path, help="输出的数据文件夹")
    parser.add_argument("--cases", type=int, default=1000, help="案例数")
    parser.add_argument("--sites", type=int, default=10000, help="阵地数")
    parser.add_argument("--seed", type=int, default=1, help="随机种子")
    args = parser.parse_args()
    print(generate(args.out, args.cases, args.sites, args.seed))


if __name__ == "__main__":
    main()

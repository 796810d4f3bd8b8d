"""Ship a built site as reproducible archives, and check an unpacked copy.

``pack`` writes ``hongling-site-<version>-<data revision>.zip`` and ``.tar.gz`` whose root holds
the site plus two files:

- ``MANIFEST.json``: project version, data revision, build date, page count, records per kind;
- ``SHA256SUMS``: ``<sha256>  <relative/path>`` for every other file, sorted by path
  (the format of ``sha256sum``, so ``sha256sum -c SHA256SUMS`` works too).

The archives are reproducible: sorted entries, every mtime = the build's date, fixed
permissions (0644 files, 0755 folders), uid/gid 0 without user or group names, and a gzip
header without file name or time.

``verify`` recomputes every hash of an unpacked copy and reports missing, extra and changed files.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .git import git

MANIFEST = "MANIFEST.json"
SUMS = "SHA256SUMS"
ZIP_EPOCH_MIN = 315532800  # 1980-01-01: the earliest date a zip entry can hold


def project_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hongling")
    except PackageNotFoundError:
        return "0.0.0"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def site_files(root: Path) -> list[str]:
    """Every regular file under ``root`` as a sorted list of POSIX paths relative to it."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def data_revision(data_dir: Path) -> str:
    """The git commit that last changed ``data_dir`` (12 hex digits) when git knows it and the folder
    has no uncommitted changes; otherwise ``sha256-`` and 12 hex digits of a hash over the data files."""
    data_dir = data_dir.resolve()
    commit = git(["log", "-1", "--format=%H", "--", "."], data_dir)
    if commit and git(["status", "--porcelain", "--", "."], data_dir) == "":
        return commit[:12]
    digest = hashlib.sha256()
    for rel in site_files(data_dir):
        digest.update(rel.encode("utf-8") + b"\0" + sha256_file(data_dir / rel).encode("ascii") + b"\n")
    return "sha256-" + digest.hexdigest()[:12]


def manifest(site: Path, data_dir: Path, counts: dict[str, int], epoch: int) -> dict:
    files = [rel for rel in site_files(site) if rel not in (MANIFEST, SUMS)]
    return {
        "name": "hongling-site",
        "version": project_version(),
        "data_revision": data_revision(data_dir),
        "build_date": datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source_date_epoch": epoch,
        "pages": sum(1 for rel in files if rel.endswith(".html")),
        "files": len(files),
        "records": dict(sorted(counts.items())),
    }


def sums_text(entries: dict[str, str]) -> str:
    return "".join(f"{entries[rel]}  {rel}\n" for rel in sorted(entries))


@dataclass
class Packed:
    zip_path: Path
    tar_path: Path
    manifest: dict
    files: int
    seconds: float


def _members(site: Path, extra: dict[str, bytes]) -> list[tuple[str, Path | bytes]]:
    members: dict[str, Path | bytes] = {rel: site / rel for rel in site_files(site) if rel not in extra}
    members.update(extra)
    return sorted(members.items())


def _read(source: Path | bytes) -> bytes:
    return source if isinstance(source, bytes) else source.read_bytes()


def write_zip(path: Path, members: list[tuple[str, Path | bytes]], epoch: int) -> None:
    stamp = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for rel, source in members:
            info = zipfile.ZipInfo(rel, date_time=stamp)
            info.create_system = 3  # Unix, so that the permission bits below mean what they say
            info.external_attr = (0o100644 & 0xFFFF) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _read(source))


def write_tar_gz(path: Path, members: list[tuple[str, Path | bytes]], epoch: int) -> None:
    folders = sorted({parent for rel, _ in members for parent in _parents(rel)})
    entries: list[tuple[str, Path | bytes | None]] = [(d, None) for d in folders] + list(members)
    entries.sort(key=lambda item: item[0])
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=epoch, compresslevel=9) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for rel, source in entries:
            info = tarfile.TarInfo(rel)
            info.mtime = epoch
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if source is None:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                archive.addfile(info)
            else:
                data = _read(source)
                info.mode = 0o644
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))


def _parents(rel: str) -> list[str]:
    parts = rel.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def pack(site: Path, data_dir: Path, counts: dict[str, int], dist: Path, epoch: int | None) -> Packed:
    """Write the zip and tar.gz of ``site`` into ``dist`` (each written to a temp name, then renamed);
    every entry is dated ``epoch`` (``Settings.source_date_epoch``), or now without one."""
    started = time.perf_counter()
    epoch = epoch if epoch is not None else int(time.time())
    info = manifest(site, data_dir, counts, epoch)
    manifest_bytes = (json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    hashes = {rel: sha256_file(site / rel) for rel in site_files(site) if rel not in (MANIFEST, SUMS)}
    hashes[MANIFEST] = hashlib.sha256(manifest_bytes).hexdigest()
    members = _members(site, {MANIFEST: manifest_bytes, SUMS: sums_text(hashes).encode("utf-8")})

    dist.mkdir(parents=True, exist_ok=True)
    stem = f"hongling-site-{info['version']}-{info['data_revision']}"
    paths = []
    for suffix, writer in ((".zip", write_zip), (".tar.gz", write_tar_gz)):
        final = dist / f"{stem}{suffix}"
        partial = dist / f".{stem}{suffix}.partial"
        writer(partial, members, epoch)
        os.replace(partial, final)
        paths.append(final)
    return Packed(paths[0], paths[1], info, len(members), time.perf_counter() - started)


@dataclass
class Verdict:
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.changed or self.errors)

    def lines(self) -> list[str]:
        out = list(self.errors)
        out += [f"缺少文件：{rel}" for rel in self.missing]
        out += [f"多出文件：{rel}" for rel in self.extra]
        out += [f"内容被改动：{rel}" for rel in self.changed]
        return out


def verify(root: Path) -> Verdict:
    """Compare an unpacked site with its SHA256SUMS and MANIFEST.json."""
    verdict = Verdict()
    sums_file = root / SUMS
    if not sums_file.is_file():
        verdict.errors.append(f"找不到 {SUMS}：这不是 hongling pack 生成的站点包，或该文件已被删除。")
        return verdict
    expected: dict[str, str] = {}
    for number, line in enumerate(sums_file.read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or not rel:
            verdict.errors.append(f"{SUMS} 第 {number} 行格式不对：{line!r}")
            continue
        expected[rel] = digest.lower()
    present = set(site_files(root)) - {SUMS}
    for rel in sorted(expected):
        if rel not in present:
            verdict.missing.append(rel)
        elif sha256_file(root / rel) != expected[rel]:
            verdict.changed.append(rel)
        verdict.checked += 1
    verdict.extra = sorted(present - set(expected))

    if MANIFEST not in expected:
        verdict.errors.append(f"{SUMS} 中没有 {MANIFEST}。")
    elif MANIFEST not in verdict.missing and MANIFEST not in verdict.changed:
        try:
            info = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            verdict.errors.append(f"{MANIFEST} 无法读取：{error}")
        else:
            listed = set(expected) - {MANIFEST}
            pages = sum(1 for rel in listed if rel.endswith(".html"))
            if info.get("files") != len(listed) or info.get("pages") != pages:
                verdict.errors.append(f"{MANIFEST} 记录 {info.get('files')} 个文件、{info.get('pages')} 个页面，"
                                      f"{SUMS} 列出 {len(listed)} 个文件、{pages} 个页面。")
    return verdict

"""Releases: reproducible builds, versioned archives with MANIFEST.json and SHA256SUMS, and
``hongling verify`` for an unpacked copy."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from generator.options import build_epoch
from tests.support import REPO
from tests.support.library import MINIMAL
from tests.support.sitebuild import copy_library, site_config, tree_hashes

EPOCH = "1700000000"


def run_hongling(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, **(env or {})})


def test_two_builds_of_the_embedded_library_are_byte_identical(tmp_path: Path):
    """Same data, same code, same SOURCE_DATE_EPOCH → the same bytes, whatever the output folder
    is called and whatever order Python's hash seed gives to sets."""
    outs = []
    for name, seed in (("one", "1"), ("second-build", "2")):
        out = tmp_path / name / "site"
        result = run_hongling("build", "--strict", "--out", str(out),
                              env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stdout + result.stderr
        outs.append(tree_hashes(out))
    first, second = outs
    differing = sorted(rel for rel in set(first) | set(second) if first.get(rel) != second.get(rel))
    assert differing == [], f"files that differ between two builds: {differing}"
    assert sum(1 for h in first.values() if h != "dir") > 150
    for rel in first:  # no absolute path of the build machine in the output
        if rel.endswith((".html", ".json", ".js", ".xml", ".css")) and not rel.endswith(".map"):
            text = (tmp_path / "one" / "site" / rel).read_text(encoding="utf-8")
            assert str(tmp_path) not in text and str(REPO) not in text, rel


def test_build_takes_its_date_from_the_last_commit_unless_set(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q",
                    "--allow-empty", "-m", "one", "--date", "@1700000000"], check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "@1700000000"})
    assert build_epoch(repo) == 1700000000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert build_epoch(repo) == int(EPOCH)  # an explicit value wins
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_epoch(tmp_path / "not-a-repository") is None  # no repository: no date
    assert build_epoch(None) is None  # a plain `mkdocs build`: only SOURCE_DATE_EPOCH counts
    assert "SOURCE_DATE_EPOCH" not in os.environ


def _pack(lib: Path, dist: Path, *extra: str) -> tuple[Path, Path]:
    result = run_hongling("--config", str(lib / "mkdocs.yml"), "pack", "--out", str(dist), *extra,
                          env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    zips, tars = sorted(dist.glob("*.zip")), sorted(dist.glob("*.tar.gz"))
    assert len(zips) == 1 and len(tars) == 1, list(dist.iterdir())
    return zips[0], tars[0]


def test_pack_unpack_verify(tmp_path: Path):
    lib = copy_library(MINIMAL, tmp_path / "lib")
    site_config(lib)
    zip_path, tar_path = _pack(lib, tmp_path / "dist")
    assert zip_path.name.startswith("hongling-site-0.") and "-sha256-" in zip_path.name  # no git: data hash
    assert tar_path.name == zip_path.name[: -len(".zip")] + ".tar.gz"

    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        assert names == sorted(names) and "MANIFEST.json" in names and "SHA256SUMS" in names
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}
        archive.extractall(tmp_path / "from-zip")
    with tarfile.open(tar_path) as archive:
        members = archive.getmembers()
        assert [m.name for m in members] == sorted(m.name for m in members)
        assert {(m.uid, m.gid, m.uname, m.gname, m.mtime) for m in members} == {(0, 0, "", "", int(EPOCH))}
        archive.extractall(tmp_path / "from-tar", filter="data")
    assert tar_path.read_bytes()[4:8] == int(EPOCH).to_bytes(4, "little")  # gzip header mtime

    info = json.loads((tmp_path / "from-zip" / "MANIFEST.json").read_text(encoding="utf-8"))
    assert info["build_date"] == "2023-11-14T22:13:20Z"
    assert info["records"]["case"] == 1 and info["pages"] >= 10
    assert info["data_revision"] in zip_path.name and info["version"] in zip_path.name
    sums = (tmp_path / "from-zip" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    paths = [line.split("  ", 1)[1] for line in sums]
    assert paths == sorted(paths) and "index.html" in paths and "MANIFEST.json" in paths
    assert tree_hashes(tmp_path / "from-zip") == tree_hashes(tmp_path / "from-tar")

    for unpacked in ("from-zip", "from-tar"):
        result = run_hongling("verify", str(tmp_path / unpacked))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "完好" in result.stdout

    # Packing the same site again gives the same archives, byte for byte.
    again = _pack(lib, tmp_path / "dist-again", "--site", str(lib / "site"))
    assert filecmp.cmp(zip_path, again[0], shallow=False) and filecmp.cmp(tar_path, again[1], shallow=False)

    damaged = tmp_path / "from-tar"
    with (damaged / "index.html").open("ab") as handle:
        handle.write(b" ")
    (damaged / "sources.html").unlink()
    (damaged / "assets" / "extra.js").write_text("alert(1)", encoding="utf-8")
    result = run_hongling("verify", str(damaged))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "内容被改动：index.html" in result.stdout
    assert "缺少文件：sources.html" in result.stdout
    assert "多出文件：assets/extra.js" in result.stdout


def test_verify_refuses_a_folder_without_checksums(tmp_path: Path):
    (tmp_path / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    result = run_hongling("verify", str(tmp_path))
    assert result.returncode == 1 and "SHA256SUMS" in result.stdout
    assert run_hongling("verify", str(tmp_path / "nowhere")).returncode == 2

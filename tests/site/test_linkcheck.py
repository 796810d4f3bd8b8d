"""LinkChecker (a real, independent link checker) crawls the built sites over loopback http.

The embedded library is crawled for every internal link; the fixture library is crawled with
LinkChecker's anchor check as well (on the embedded library MkDocs' own anchor validation runs in
every `--strict` build, and LinkChecker re-fetching a page per anchor would take minutes).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from tests.support.library import MINIMAL
from tests.support.server import hongling_build, serve

RUNNER = ("import sys, linkcheck.command.linkchecker as command; command.drop_privileges = lambda: None; "
          "sys.argv[0] = 'linkchecker'; sys.exit(command.linkchecker())")
"""LinkChecker run as root switches to ``nobody``, who may not read its own plugin modules (the
anchor check then silently disappears); the crawl only touches loopback, so it keeps our user."""


def crawl(root_url: str, anchors: bool, workdir: Path) -> list[dict[str, str]]:
    """Rows LinkChecker reports as invalid or warns about (a missing anchor is a warning)."""
    config = workdir / "linkcheckerrc"
    config.write_text("[checking]\nmaxrequestspersecond=1000\nthreads=4\n" + ("[AnchorCheck]\n" if anchors else ""),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", RUNNER, f"--config={config}", "--no-status", "--recursion-level=-1",
                             "-o", "csv", root_url + "index.html"], capture_output=True, text=True, encoding="utf-8")
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    assert lines and lines[0].startswith("urlname;"), result.stdout + result.stderr
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    return [row for row in rows if row.get("valid") not in ("True", "1") or row.get("warningstring")]


def test_embedded_site_has_no_broken_internal_link(built_site: Path, tmp_path: Path):
    assert (built_site / "index.html").is_file()
    with serve(built_site) as root:
        broken = crawl(root, anchors=False, workdir=tmp_path)
    assert broken == []


def test_fixture_site_has_no_broken_link_or_anchor(tmp_path: Path):
    import shutil
    from tests.support import sitebuild

    library = tmp_path / "lib"
    shutil.copytree(MINIMAL / "data", library / "data")
    site = hongling_build(sitebuild.site_config(library), tmp_path / "site")
    with serve(site) as root:
        broken = crawl(root, anchors=True, workdir=tmp_path)
    assert broken == []


def test_linkchecker_does_report_a_broken_link(tmp_path: Path):
    """The crawl can fail: a page with a dead link and a dead anchor is reported."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="missing.html">x</a><a href="other.html#nowhere">y</a>', encoding="utf-8")
    (site / "other.html").write_text("<p id='here'>z</p>", encoding="utf-8")
    with serve(site) as root:
        broken = crawl(root, anchors=True, workdir=tmp_path)
    urls = sorted(row["urlname"] for row in broken)
    assert urls == ["missing.html", "other.html#nowhere"]

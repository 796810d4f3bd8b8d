"""Installing without internet: a wheelhouse built the way `make wheelhouse` builds it — every
wheel of a lock file plus the project's own — installs the project into a fresh virtual environment
with ``pip install --no-index --find-links``, hashes checked against the lock.

To stay fast this wheelhouse is built from the runtime lock (no test extras) into a temp folder,
reusing pip's cache. The install step sees nothing but the wheelhouse: no index, no pip
configuration files, no PIP_* variables.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO

pytestmark = pytest.mark.slow


def test_install_from_wheelhouse_without_an_index(tmp_path: Path):
    source = tmp_path / "src"  # a copy, so that building the wheel leaves the checkout untouched
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    wheelhouse = tmp_path / "wheelhouse"
    lock = REPO / "requirements" / "runtime.lock"
    downloaded = subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--require-hashes", "--only-binary=:all:",
                                 "--dest", str(wheelhouse), "-r", str(lock)], capture_output=True, text=True, timeout=600)
    assert downloaded.returncode == 0, downloaded.stdout + downloaded.stderr
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(wheelhouse), str(source)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = sorted(p.name for p in wheelhouse.glob("*.whl"))
    assert any(name.startswith("hongling-") for name in wheels)
    assert any(name.startswith("mkdocs_material-") for name in wheels), wheels

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    offline = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    offline["PIP_CONFIG_FILE"] = os.devnull
    for args in (["--require-hashes", "-r", str(lock)], ["--no-deps", "hongling"]):
        installed = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", "--no-index",
                                    "--find-links", str(wheelhouse), *args],
                                   capture_output=True, text=True, timeout=600, env=offline)
        assert installed.returncode == 0, installed.stdout + installed.stderr

    helped = subprocess.run([str(bindir / "hongling"), "--help"], capture_output=True, text=True,
                            encoding="utf-8", timeout=120, cwd=tmp_path, env=offline)
    assert helped.returncode == 0, helped.stdout + helped.stderr
    for command in ("check", "build", "pack", "verify"):
        assert command in helped.stdout
    assert "生成站点" in helped.stdout

"""The lock files pin every dependency pyproject.toml names, with hashes, so that `make` installs
exactly what the test suite was run with."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.support import REPO

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def pins(lock: str) -> dict[str, str]:
    text = (REPO / "requirements" / lock).read_text(encoding="utf-8")
    return {normalise(name): version for name, version in PIN.findall(text)}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def named(requirements: list[str]) -> set[str]:
    return {normalise(re.match(r"[A-Za-z0-9._-]+", r).group(0)) for r in requirements}


PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.mark.parametrize("lock, wanted", [
    ("all.lock", named(PROJECT["dependencies"]) | named(PROJECT["optional-dependencies"]["test"])),
    ("runtime.lock", named(PROJECT["dependencies"])),
])
def test_every_dependency_is_pinned(lock, wanted):
    pinned = pins(lock)
    assert wanted - set(pinned) == set(), f"run `make lock`: {lock} misses {sorted(wanted - set(pinned))}"
    assert {"setuptools", "wheel"} <= set(pinned)  # the project's own build is locked too


@pytest.mark.parametrize("lock", ["all.lock", "runtime.lock"])
def test_every_pin_carries_a_hash(lock):
    text = (REPO / "requirements" / lock).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert blocks and all("--hash=sha256:" in block for block in blocks if PIN.match(block))


def test_the_runtime_lock_agrees_with_the_full_one():
    full, runtime = pins("all.lock"), pins("runtime.lock")
    assert {name: version for name, version in runtime.items() if full.get(name) != version} == {}

"""The embedded library, checked once for the handout tests."""

from __future__ import annotations

import pytest

from generator import Settings, check
from generator.site.resolver import Resolver
from tests.support import REPO


@pytest.fixture(scope="session")
def site() -> Resolver:
    kb, report = check(Settings(data_dir=REPO / "data"))
    assert not report.errors
    return Resolver(kb)

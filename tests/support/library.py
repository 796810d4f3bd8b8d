"""A clean minimal library with one record of every kind, copied for a test to damage."""

from __future__ import annotations

from pathlib import Path

from generator import Settings, check
from generator.core.problems import Problem, Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINIMAL = FIXTURES / "minimal"


class Library:
    """A copy of the minimal library in a temp dir that a test may damage file by file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"

    def write(self, rel: str, content: str | bytes | None) -> Path:
        path = self.data / rel
        if content is None:
            path.unlink()
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.data / rel).read_text(encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def check(self) -> Report:
        _, report = check(Settings(data_dir=self.data, manual_categories=1, manual_aspects=1))
        return report


def only(report: Report, code: str) -> Problem:
    """The single problem with ``code``; fails listing everything found otherwise."""
    found = [p for p in report.problems if p.code == code]
    assert len(found) == 1, f"expected one {code}, got: {[(p.code, p.file, p.line, p.column, p.message) for p in report.problems]}"
    return found[0]

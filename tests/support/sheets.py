"""Workbooks for the tests: export a library, change cells as an editor would, import it back."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from generator import Settings, check
from generator.core.schema import BY_NAME
from generator.sheets.apply import Outcome, import_book
from generator.sheets.export import build, workbook_bytes
from generator.sheets.issues import Issue
from generator.sheets.layout import default_kinds, kind_layout


def settings_for(data: Path) -> Settings:
    """The minimal library has one category with one aspect; the embedded one the real manual."""
    if (data / "manual").is_dir() and len(list((data / "manual").glob("*.yml"))) == 1:
        return Settings(data_dir=data, manual_categories=1, manual_aspects=1)
    return Settings(data_dir=data)


def export(data: Path, out: Path, kinds: Sequence[str] | None = None, template: bool = False) -> Path:
    kb, report = check(settings_for(data))
    assert not report.errors, [p.message for p in report.errors]
    layouts = [kind_layout(BY_NAME[name]) for name in (kinds or default_kinds())]
    out.write_bytes(workbook_bytes(build(layouts, kb, template=template)))
    return out


EDITS = itertools.count(1)


def edit(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """Open the workbook, let ``change`` do what an editor does, and save it under the same name
    in a folder of its own (the original stays as it was for the next edit)."""
    book = openpyxl.load_workbook(path)
    change(book)
    out = path.parent / f"edit-{next(EDITS)}" / path.name
    out.parent.mkdir()
    book.save(out)
    return out


def set_cells(path: Path, sheet: str, cells: dict[str, object]) -> Path:
    def change(book: openpyxl.Workbook) -> None:
        for coordinate, value in cells.items():
            book[sheet][coordinate] = value
    return edit(path, change)


def column(sheet: Worksheet, key: str) -> str:
    """The letter of the column whose heading names ``key``."""
    for cell in sheet[1]:
        if cell.value and str(cell.value).split("\n")[-1] == key:
            return cell.column_letter
    raise AssertionError(f"no column {key} in {sheet.title}")


def import_(path: Path, data: Path, **options: bool) -> Outcome:
    return import_book(path, settings_for(data), **options)


def issues(outcome: Outcome, code: str) -> list[Issue]:
    return [issue for issue in outcome.issues if issue.code == code]


def only_issue(outcome: Outcome, code: str) -> Issue:
    found = issues(outcome, code)
    assert len(found) == 1, f"expected one {code}, got: {[(i.code, str(i.cell), i.message) for i in outcome.issues]}" \
                            f" and in files: {[(p.code, p.file, p.message) for p in outcome.problems]}"
    return found[0]


def snapshot(data: Path) -> dict[str, tuple[bytes, int]]:
    """Every data file's bytes and modification time: an untouched file keeps both."""
    return {path.relative_to(data).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(data.rglob("*.yml"))}

"""The data folder is read in the order ``sorted(rglob("*"))`` gives, without its cost."""

from __future__ import annotations

import os
from pathlib import Path

from generator.core.load import data_files


def test_data_files_list_what_sorted_rglob_lists_in_the_same_order(tmp_path: Path):
    data = tmp_path / "data"
    for rel in ("cases/b.yml", "cases/a.yml", "cases/A-upper.yml", "cases.yml", "cases/sub/deep.yml", "Z.yml",
                ".hidden/x.yml", "sites/.gitkeep", "sites/a-b.yml", "sites/a.b.yml", "regions/区.yml"):
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text("id: x\n", encoding="utf-8")
    os.symlink(data / "cases", data / "linked-folder")
    os.symlink(data / "cases" / "a.yml", data / "sites" / "linked.yml")
    os.symlink(data / "missing.yml", data / "sites" / "broken.yml")

    expected = sorted(path for path in data.rglob("*") if path.is_file())
    found = [data.joinpath(*parts) for parts in data_files(data)]
    assert found == expected
    assert data / "sites" / "linked.yml" in found and not any("linked-folder" in str(p) for p in found)

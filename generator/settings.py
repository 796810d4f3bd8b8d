"""Settings of the core stages; the MkDocs plugin and the command line both fill them in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    """Folder holding one sub-folder per record kind."""

    manual_categories: int = 9
    """Number of 大项 the manual must have (《红领党务通》 has 9)."""

    manual_aspects: int = 26
    """Number of 方面 the manual must have in total (《红领党务通》 has 26)."""

    max_file_bytes: int = 1024 * 1024
    """Larger files are refused unread: one record never needs a megabyte."""

    max_depth: int = 24
    """Deeper nesting is refused: the schema never goes beyond a handful of levels."""

    related_limit: int = 5
    """How many related cases each case lists."""

    related_common_feature: int = 60
    """A practice, aspect, region or tag shared by more cases than this carries no signal for
    "related" and is skipped, which bounds the work per case and keeps relatedness linear in the
    number of cases (at 200, the 26 aspects of a 1,000-case library all stayed under the bar and
    linking grew 5.5× from N to 4N; see BENCHMARKS.md)."""

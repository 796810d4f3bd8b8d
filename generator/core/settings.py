"""Settings of a run, built once from the plugin's options or the command line
(:mod:`generator.options`) and passed down; nothing below reads the environment."""

from __future__ import annotations

import time
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

    source_date_epoch: int | None = None
    """The build's date in seconds (SOURCE_DATE_EPOCH, or the last commit's time), so that the same
    data builds the same bytes. ``None``: no date was given; years are checked against today and
    Word documents are dated 1980-01-01."""

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

    @property
    def build_year(self) -> int:
        """The year of the build: figures and events may not be dated after the next one."""
        seconds = self.source_date_epoch if self.source_date_epoch is not None else time.time()
        return time.gmtime(seconds).tm_year


DEFAULTS = Settings()
"""Where the options of the plugin and the command line take their defaults from."""

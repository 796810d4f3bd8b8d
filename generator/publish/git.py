"""The one place that asks git: when the last commit was made, and which commit last changed a
folder. Every answer is ``None`` where there is no git or no repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def git(args: list[str], cwd: Path) -> str | None:
    """``git -C cwd args…``'s output, stripped; ``None`` when git is missing or fails."""
    program = shutil.which("git")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "-C", str(cwd), *args], capture_output=True, text=True,
                                timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def last_commit_epoch(repo_dir: Path) -> int | None:
    """The last commit's date in ``repo_dir``, in seconds since the epoch."""
    stamp = git(["log", "-1", "--format=%ct"], repo_dir)
    return int(stamp) if stamp and stamp.isdigit() else None

"""Helpers shared by the tests: the minimal library, building and serving a site, a browser visit."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
"""The repository root (the folder of mkdocs.yml)."""

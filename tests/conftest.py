"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (or $AMITY_SHARED); tests that need it skip when absent."""
    path = Path(os.environ.get("AMITY_SHARED", REPO.parent / "shared"))
    if not path.is_dir():
        pytest.skip(f"third-party test data not found at {path} (set AMITY_SHARED to its folder)")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed articles not found at {path}")
    return path


# CI runs the property tests on a fixed seed (the same examples every run, no example database),
# so a red CI is reproducible; a developer's runs keep exploring new examples.
if os.environ.get("CI"):
    from hypothesis import settings as _hyp_settings

    _hyp_settings.register_profile("ci", derandomize=True, database=None)
    _hyp_settings.load_profile("ci")

"""Every input the fuzzer (bench/fuzz.py) found crashing, replayed through the same target.

Files live in tests/regressions/TARGET/*.bin; a replay passes when only amity's typed errors
escape and the stage's output keeps its contracts (tests/regressions/contracts.py). The coder
target needs the spaCy model; it is replayed in the same session-wide Analyzer.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from amity.errors import AmityError

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "regressions").glob("*/*.bin"))


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("amity_bench_fuzz", HERE.parent / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def fuzz(monkeypatch):
    """The fuzz targets, with the fetchers replaced for this test only (no network)."""
    from amity.sources import feeds, fetch

    module = _fuzz_module()
    monkeypatch.setattr(fetch, "fetch_page", fetch.fetch_page)
    monkeypatch.setattr(feeds, "read_url", feeds.read_url)
    module._no_network()
    return module


def test_regression_inputs_exist():
    assert CASES, "tests/regressions/*/ holds the fuzzer's crash inputs"


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fuzz_crash_stays_fixed(fuzz, path: Path):
    target = fuzz.TARGETS[path.parent.name]
    try:
        target(path.read_bytes())
    except AmityError:
        pass

"""The gold scorer, and the seed articles scored with the bars of issue 4 as assertions."""

from __future__ import annotations

import json

import pytest
from events_support import pipeline

from amity.events.eval import code_corpus, load_gold, score


def _ev(doc, s, t, typ, subtype=None, date=None, symmetric=False):
    return {"doc": doc, "source": s, "target": t, "type": typ, "subtype": subtype, "date": date,
            "symmetric": symmetric, "sentence": "..."}


def _gold(s, t, typ, subtype=None, date=None, symmetric=False, optional=False):
    return {"article": "a", "source": s, "target": t, "type": typ, "subtype": subtype, "date": date,
            "symmetric": symmetric, "optional": optional}


def test_match_ignores_direction_and_scores_it_separately():
    gold = [_gold("USA", "JPN", "AID", "logistics", ["2024-06"])]
    s = score(gold, [_ev("a", "JPN", "USA", "AID", "logistics", "2024-06")])
    assert (s.precision, s.recall, s.subtype_ok, s.date_ok, s.direction_ok) == (1.0, 1.0, 1, 1, 0)


def test_optional_gold_is_neither_missed_nor_spurious():
    gold = [_gold("USA", "JPN", "CONSULT"), _gold("USA", "JPN", "REQUEST", optional=True),
            _gold("KOR", "JPN", "SUPPORT", optional=True)]
    s = score(gold, [_ev("a", "USA", "JPN", "CONSULT", symmetric=True), _ev("a", "USA", "JPN", "REQUEST")])
    assert (s.gold, s.found, s.predicted, s.correct) == (1, 1, 1, 1)
    assert s.misses == [] and s.spurious == []


def test_duplicate_rows_count_once_and_wrong_pair_is_spurious():
    gold = [_gold("KOR", "JPN", "AGREE", "exercise", symmetric=True)]
    events = [_ev("a", "KOR", "JPN", "AGREE", "exercise", symmetric=True)] * 3 + [_ev("a", "KOR", "CHN", "AGREE")]
    s = score(gold, events)
    assert (s.predicted, s.correct, len(s.spurious)) == (2, 1, 1)
    assert s.precision == 0.5 and s.recall == 1.0 and s.direction_ok == 1


def test_two_gold_records_of_one_key_take_their_own_subtypes():
    gold = [_gold("USA", "JPN", "CONSULT", "defense_industry"), _gold("USA", "JPN", "CONSULT", "maintenance")]
    events = [_ev("a", "USA", "JPN", "CONSULT", "maintenance"), _ev("a", "USA", "JPN", "CONSULT", "defense_industry")]
    s = score(gold, events)
    assert s.subtype_ok == 2 and s.recall == 1.0


def test_miss_is_listed():
    s = score([_gold("USA", "JPN", "CONSULT")], [])
    assert s.recall == 0.0 and len(s.misses) == 1 and s.precision == 1.0


def test_load_gold_reports_bad_lines(tmp_path):
    from amity.errors import InputError

    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(_gold("A", "B", "AGREE")) + "\n{oops\n")
    with pytest.raises(InputError, match=":2:"):
        load_gold(p)


@pytest.fixture(scope="module")
def seed_score(shared_dir, seeds_dir):
    gold_path = shared_dir / "gold" / "seeds.jsonl"
    if not gold_path.is_file():
        pytest.skip(f"seed gold not found at {gold_path}")
    return score(load_gold(gold_path), code_corpus(seeds_dir, pipeline=pipeline()))


def test_seed_recall_is_complete(seed_score):
    assert seed_score.recall == 1.0, seed_score.misses


def test_seed_precision_bar(seed_score):
    assert seed_score.precision >= 0.9, seed_score.spurious


def test_seed_subtype_bar(seed_score):
    assert seed_score.accuracy(seed_score.subtype_ok) >= 0.9, seed_score.wrong


# The floor each set holds now (docs/quality.md); a change that lowers one fails here, not silently.
# heldout2 went from 0.9 to 0.89 and heldout3 from 0.85 to 0.82 when the learned scorer replaced
# the rules' own judgement (team-written sets traded for every real-news set: docs/quality.md,
# "Events on real news"). The
# real* sets are real news; their figures are in-sample (the scorer was trained on them, after
# each round's first run was recorded), so these floors guard against regressions only. real12
# went from 0.43 to 0.42 when lists read as an apposition with conjuncts gave every party its
# role (0.437 -> 0.430: one wrong pair more; real13 rose 0.415 -> 0.464, real15 0.453 -> 0.513).
FLOORS = {".": 0.95, "heldout": 0.93, "heldout2": 0.89, "heldout3": 0.82, "heldout4": 0.77,
          "real1": 0.64, "real2": 0.67, "real3": 0.68, "real4": 0.59, "real5": 0.61, "real6": 0.72,
          "real7": 0.76, "real8": 0.62, "real9": 0.75, "real10": 0.37, "real11": 0.70, "real12": 0.45,
          "real13": 0.57, "real14": 0.72, "real15": 0.63, "real16": 0.43,
          "real17": 0.62, "real18": 0.64}


@pytest.mark.parametrize("subdir", list(FLOORS))
def test_practice_articles_f1(repo_dir, subdir):
    """amity's own practice articles (tests/data/events/; heldout/ to heldout4/, each first scored
    only after it was written and coded blind): event F1 stays at or above its floor."""
    folder = repo_dir / "tests" / "data" / "events" / subdir
    s = score(load_gold(folder / "gold.jsonl"), code_corpus(folder / "articles", pipeline=pipeline()))
    assert s.f1 >= FLOORS[subdir], (s.f1, s.misses, s.spurious)

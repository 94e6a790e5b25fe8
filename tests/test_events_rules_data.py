"""The coder's rules and word lists are data: every key of the event YAML files is read by the
code, the loader is strict about keys, and editing a word list changes what the coder does."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import yaml
from actors_support import analyse

from amity.errors import InputError
from amity.events import arguments, rules_data
from amity.events.arguments import Arg, Memory
from amity.events.ontology import load as load_ontology
from amity.events.rules_data import EventRules, EventWords, load_rules, load_words
from amity.models import SUBTYPES

AMITY = Path(__file__).resolve().parent.parent / "amity"
DATA = AMITY / "data"


def _sources(*skip: str) -> str:
    """The text of every module of amity/ but the ones named (their loaders)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(AMITY.rglob("*.py")) if p.name not in skip)


def _unread(names, pattern: str, text: str) -> list[str]:
    return [n for n in names if not re.search(pattern.format(name=re.escape(n)), text)]


@pytest.mark.parametrize("schema", [EventRules, EventWords])
def test_every_rules_and_words_key_is_read_by_the_code(schema):
    text = _sources("rules_data.py")
    assert _unread([f.name for f in fields(schema)], r"\.{name}\b", text) == []


def test_the_yaml_files_hold_exactly_the_loaded_keys():
    for name, schema in (("event_rules.yaml", EventRules), ("event_words.yaml", EventWords)):
        raw = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        assert set(raw) == {f.name for f in fields(schema)}, name


def test_every_event_ontology_key_is_read_by_the_code():
    raw = yaml.safe_load((DATA / "event_ontology.yaml").read_text(encoding="utf-8"))
    onto = load_ontology()
    text = _sources("ontology.py")
    tables = {"types", "idioms"}  # read as Ontology.types and Ontology.idioms
    # read by amity.models (SUBTYPES), the one definition the ontology loader checks against
    assert list(raw.pop("subtypes")) == list(SUBTYPES) and 'raw["subtypes"]' in (AMITY / "models.py").read_text()
    lists = set(raw) - tables
    assert lists <= set(onto.words), "a word list of event_ontology.yaml that ontology.load() does not load"
    assert _unread(sorted(tables), r"\.{name}\b", text) == []
    assert _unread(sorted(lists), r"""words(\[|\.get\()["']{name}["']""", text) == []
    type_keys = {k for spec in raw["types"].values() for k in spec} - {"description"}  # description: for people
    assert _unread(sorted(type_keys), r"\.{name}\b", text) == []


def test_negations_decide_what_is_negated():
    """The ontology's negation list is what the negation check reads (a determiner in it)."""
    sent = analyse("There was no agreement between Serbia and Croatia.").spacy_doc
    noun = next(t for t in sent if t.lower_ == "agreement")
    from amity.events import syntax

    assert syntax.negated(noun, load_ontology().words["negations"])
    assert not syntax.negated(noun, frozenset({"not", "never"}))


def test_bundled_values_are_typed_and_cached():
    r, w = rules_data.rules(), rules_data.words()
    assert rules_data.rules() is r and rules_data.words() is w
    assert r.force_types == frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})
    assert r.response_objects["complaint"] == ("PROTEST", "ACCUSE")
    with pytest.raises(TypeError):
        r.response_objects["new"] = ()  # type: ignore[index]
    assert "minister" in w.group_nouns and "off" in w.locative_preps
    assert w.anaphors == w.pronouns_one | w.pronouns_it | w.pronouns_many


def test_nothing_is_read_at_import_time():
    code = ("import amity.events, amity.events.places, amity.events.rules_data as r; "
            "assert r.rules.cache_info().currsize == 0 and r.words.cache_info().currsize == 0")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def _copy(name: str, tmp_path: Path, edit) -> Path:
    raw = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "loader", "edit", "message"), [
    ("event_rules.yaml", load_rules, lambda r: r.update(retreat_types=["RETREAT"]), "unknown key 'retreat_types'"),
    ("event_rules.yaml", load_rules, lambda r: r.pop("force_types"), "missing key 'force_types'"),
    ("event_rules.yaml", load_rules, lambda r: r.update(force_types=["ASSAULT", "ATTACK"]), "'ATTACK' is not a PLOVER type"),
    ("event_rules.yaml", load_rules, lambda r: r["response_objects"].update(claim=["BLAME"]), "'BLAME'"),
    ("event_rules.yaml", load_rules, lambda r: r.update(generic_subtype="deal"), "'generic_subtype'"),
    ("event_words.yaml", load_words, lambda w: w.update(group_noun=["envoy"]), "unknown key 'group_noun'"),
    ("event_words.yaml", load_words, lambda w: w.pop("partitives"), "missing key 'partitives'"),
    ("event_words.yaml", load_words, lambda w: w["locative_preps"].append(False), "'locative_preps'"),
    ("event_words.yaml", load_words, lambda w: w.update(scene_preps="at"), "'scene_preps' must be a list"),
])
def test_loader_rejects_bad_keys_naming_file_and_key(tmp_path, name, loader, edit, message):
    path = _copy(name, tmp_path, edit)
    with pytest.raises(InputError) as err:
        loader(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_unreadable_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_words(tmp_path / "missing.yaml")


def test_a_group_noun_added_in_the_data_changes_what_anaphor_resolves(tmp_path, monkeypatch):
    analysis = analyse("Japan and Vietnam held talks in Hanoi on Monday. The diplomats signed a maritime accord.")
    memory = Memory()
    memory.remember([Arg(m, "subj") for m in analysis.mentions if m.actor.code in ("JPN", "VNM")])
    diplomats = next(t for t in analysis.spacy_doc if t.lower_ == "diplomats")
    assert len({m.actor.code for m in memory.group}) == 2
    assert arguments.anaphor(diplomats, memory) == []  # "diplomat" is no group noun in the bundled list

    path = _copy("event_words.yaml", tmp_path, lambda w: w["group_nouns"].append("diplomat"))
    edited = load_words(path)
    monkeypatch.setattr(rules_data, "words", lambda: edited)
    assert {m.actor.code for m in arguments.anaphor(diplomats, memory)} == {"JPN", "VNM"}

"""The CAMEO verb dictionary reader and matcher (amity.events.verbdict)."""

from __future__ import annotations

from pathlib import Path

import pytest
from actors_support import analyzer

from amity.errors import InputError
from amity.events import verbdict

SMALL = """\
# a dictionary written for these tests
&ENVOY
+DIPLOMAT
+AMBASSADOR
+EMBASSY_STAFF_

&PARTY
+PARTY
+PROCESS

&AUXILIARY_
+WILL
+WOULD

--- EXPEL [160] ---
EXPEL {EXPELS EXPELLED EXPELLING}
OUST [1660]  ; a legacy comment
+KICK_OUT {+KICKS_OUT +KICKED_OUT +KICKING_OUT}
RE_+EXPEL
- * &ENVOY OF + [166]  # envoys of a country
- * BY_$ [161]
- WILL_* + [130]
- % * &ENVOY [166:167]
- * ^ TO + [174]
- * CEASE-FIRE MONITORS [---]

--- WANDER ---
WANDER
"""


@pytest.fixture(scope="session")
def nlp():
    return analyzer(()).nlp


@pytest.fixture()
def small(tmp_path: Path) -> verbdict.VerbDictionary:
    path = tmp_path / "small.verbs.txt"
    path.write_text(SMALL, encoding="utf-8")
    return verbdict.load(path)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "test.verbs.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def _match(d: verbdict.VerbDictionary, nlp, sentence: str, verb: str):
    return d.match(_token(nlp(sentence), verb))


# ---------------------------------------------------------------- reading


def test_synonym_sets_get_plurals_unless_marked(small):
    envoy = small.synsets["ENVOY"]
    assert {"DIPLOMAT", "DIPLOMATS"} == envoy[0][-1].forms
    staff = envoy[2]  # EMBASSY_STAFF_: two consecutive words, no plural
    assert [w.forms for w in staff] == [{"EMBASSY"}, {"STAFF"}]
    party = [w.forms for p in small.synsets["PARTY"] for w in p]
    assert party == [{"PARTY", "PARTIES"}, {"PROCESS", "PROCESSES"}]
    auxiliary = [w.forms for p in small.synsets["AUXILIARY"] for w in p]  # '&NAME_': no plurals
    assert auxiliary == [{"WILL"}, {"WOULD"}]


def test_verbs_take_the_block_code_or_their_own(small):
    expel = small.verb("expel")
    assert (expel.cameo, expel.plover, expel.block) == ("160", "SANCTION", "EXPEL")
    assert small.verb("Expelled").lemma == "expel"  # listed forms lead to the verb
    assert small.verb("oust").cameo == "1660"
    assert small.verb("kick out").cameo == "160"
    assert small.verb("re expel").lemma == "re expel"
    wander = small.verb("wander")
    assert (wander.cameo, wander.plover) == ("---", None)  # no code: no event
    assert small.verb("stroll") is None
    assert len(small) == 5


def test_pattern_notation(small):
    by_line = {p.line: p for p in small.patterns("expel")}
    envoys_of, by_source, will, compound, skip, no_event = (by_line[n] for n in range(20, 26))
    assert (envoys_of.cameo, envoys_of.reverse_cameo) == ("166", None)
    assert envoys_of.text == "* &ENVOY OF +"
    assert [e.kind for e in envoys_of.after] == ["words", "words", "+"]
    assert [(e.kind, e.glued) for e in by_source.after] == [("words", False), ("$", True)]
    assert will.star_glued and [e.kind for e in will.before] == ["words"]
    assert (compound.cameo, compound.reverse_cameo) == ("166", "167")
    assert compound.before[0].kind == "%"
    assert [e.kind for e in skip.after] == ["^", "words", "+"]
    assert no_event.cameo == "---" and len(no_event.after[0].phrases[0]) == 3  # CEASE - FIRE
    assert small.patterns("expel")[0] is envoys_of  # most specific first
    assert small.patterns("oust") == small.patterns("expel")  # the block serves all its verbs
    assert small.warnings == ()


def test_patterns_petrarch_skips_become_warnings(tmp_path):
    text = "--- X [010] ---\nX\n- * &NOWHERE [011]\n- * } FOO [012]\n- FOO [013]\n- * BAR [014]\n"
    path = _write(tmp_path, text)
    d = verbdict.read(path)
    assert [p.text for p in d.patterns("x")] == ["* BAR"]
    assert [w.split(": ", 1)[0] for w in d.warnings] == [f"{path}:{n}" for n in (3, 4, 5)]
    assert "undefined synonym set &NOWHERE" in d.warnings[0]


@pytest.mark.parametrize("text, line", [
    ("--- X [010] ---\nX\n- * FOO [ABC]\n", 3),
    ("X\n--- X [010] ---\n", 1),
    ("&SET\n+A\n\n--- X [1O] ---\n", 4),
    ("--- X [010] ---\nX {XES} BAD\n", 2),
])
def test_malformed_lines_raise_with_file_and_line(tmp_path, text, line):
    path = _write(tmp_path, text)
    with pytest.raises(InputError, match=f"{path}:{line}:"):
        verbdict.read(path)


def test_files_that_are_not_verb_dictionaries_raise(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        verbdict.load(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="no '--- NAME"):
        verbdict.read(_write(tmp_path, "# only a comment\n&SET\n+WORD\n"))


def test_load_is_cached_per_path(small, tmp_path):
    assert verbdict.load(tmp_path / "small.verbs.txt") is small
    assert verbdict.load() is verbdict.load()
    assert verbdict.load() is not small


def test_bundled_dictionary_loads_whole():
    d = verbdict.load()
    assert len(d) > 1500 and d.pattern_count > 10000 and len(d.synsets) >= 35
    assert len(d.warnings) < 20  # a handful of patterns PETRARCH would skip too
    assert (d.verb("deport").cameo, d.verb("deport").plover) == ("174", "COERCE")
    assert d.verb("say").plover is None  # 010 make a public statement: no PLOVER type
    assert d.verb("pull out") is not None and d.verb("re arrest") is not None
    cameo_dir = Path(verbdict.__file__).parent.parent / "data" / "cameo"
    license_text = (cameo_dir / "LICENSE").read_text()
    assert "MIT License" in license_text


# ---------------------------------------------------------------- matching


def test_pattern_beats_default_and_marks_target(small, nlp):
    m = _match(small, nlp, "Egypt expelled the ambassador of Israel on Monday.", "expelled")
    assert (m.cameo, m.plover, m.specific) == ("166", "SANCTION", True)
    assert m.pattern == "* &ENVOY OF +"
    assert m.target_token.text == "Israel" and m.source_token is None
    assert m.rule == "cameo:EXPEL:20"
    plain = _match(small, nlp, "Egypt expelled the reporters.", "expelled")
    assert (plain.cameo, plain.specific, plain.pattern) == ("160", False, None)


def test_glued_elements_allow_no_gap(small, nlp):
    m = _match(small, nlp, "The diplomat was expelled by the government of Egypt.", "expelled")
    assert m.pattern == "* BY_$" and m.source_token.text == "government"
    assert _match(small, nlp, "Egypt will expel Israel.", "expel").pattern == "WILL_* +"
    late = _match(small, nlp, "Egypt will soon expel Israel.", "expel")
    assert late.pattern != "WILL_* +"


def test_compound_actor_and_skipped_noun_phrase(small, nlp):
    m = _match(small, nlp, "Egypt and Jordan expelled the diplomats.", "expelled")
    assert m.pattern == "% * &ENVOY" and (m.cameo, m.reverse_cameo) == ("166", "167")
    assert (m.source_token.text, m.target_token.text) == ("Egypt", "Jordan")
    skip = _match(small, nlp, "Egypt expelled the reporters to Cyprus.", "expelled")
    assert skip.pattern == "* ^ TO +" and skip.target_token.text == "Cyprus"


def test_no_event_pattern_has_no_plover_type(small, nlp):
    m = _match(small, nlp, "Egypt expelled the cease-fire monitors.", "expelled")
    assert (m.cameo, m.plover, m.specific) == ("---", None, True)


def test_multiword_and_phrasal_verbs(small, nlp):
    apart = _match(small, nlp, "Egypt kicked the reporters out.", "kicked")
    together = _match(small, nlp, "Egypt kicked out the reporters.", "kicked")
    assert apart.lemma == together.lemma == "kick out"
    assert _match(small, nlp, "Egypt kicked the ball.", "kicked") is None
    assert _match(small, nlp, "Egypt re-expelled the reporters.", "expelled").lemma == "re expel"


# Sentences written for these tests; the codes are what the bundled dictionary says.
BUNDLED = [
    ("France deported the diplomats of Iran.", "deported", "174", "COERCE"),
    ("Germany airlifted relief supplies to Sudan.", "airlifted", "073", "AID"),
    ("Japan evacuated its citizens from Sudan.", "evacuated", "160", "SANCTION"),
    ("Canada boycotted the summit.", "boycotted", "125", "REJECT"),
    ("Russia agreed to compensate Ukraine.", "agreed", "080", "CONCEDE"),
    ("Spain extradited the suspect to Morocco.", "extradited", "174", "COERCE"),
    ("Italy handed the suspect over to Albania.", "handed", None, None),
]


@pytest.mark.parametrize("sentence, verb, cameo, plover", BUNDLED)
def test_bundled_dictionary_codes_plain_sentences(nlp, sentence, verb, cameo, plover):
    m = _match(verbdict.load(), nlp, sentence, verb)
    assert ((m.cameo, m.plover) if m else (None, None)) == (cameo, plover)


def test_bundled_handover_is_not_an_arms_transfer(nlp):
    # neither "hand" nor "hand over" is in the dictionary: no candidate at all
    m = _match(verbdict.load(), nlp, "Italy handed the suspect over to Albania.", "handed")
    assert m is None

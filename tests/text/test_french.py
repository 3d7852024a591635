"""French words as veille reads them: what a word becomes in the index, the rules, the stories
and the taggers; and that the analysis owes Whoosh nothing (it reads the same as Whoosh's
stemmer, stop list and folding did, except where said)."""

import ast
import csv
import json
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

from tests.conftest import DATA, ROOT
from tests.referentials.subset import GEO_DIR, ROME_DIR
from veille.referentials import rome
from veille.text import french
from veille.text.french import WORDS, base_form, exact_term, fold, french_term, memo_of, stem
from veille.text.typography import plain


def terms(text: str) -> list[str]:
    return memo_of(french_term).sequence(text)


def exact(text: str) -> list[str]:
    return memo_of(exact_term).sequence(text)


@pytest.mark.parametrize(
    "elided, bare",
    [
        ("l'apprentissage", "apprentissage"),
        ("l’apprentissage", "apprentissage"),
        ("L'Apprentissage", "apprentissage"),
        ("d'emploi", "emploi"),
        ("d’emploi", "emploi"),
        ("qu'ingénieur", "ingénieur"),
        ("qu’ingénieur", "ingénieur"),
        ("jusqu'ici", "ici"),
        ("jusqu’ici", "ici"),
        ("lorsqu'employeurs", "employeurs"),
    ],
)
def test_an_elided_article_glued_to_a_word_is_dropped(elided, bare):
    assert terms(elided) == terms(bare) != []


def test_straight_and_typographic_apostrophes_give_the_same_terms():
    straight = "le contrat d'apprentissage, aujourd'hui"
    typographic = "le contrat d’apprentissage, aujourd’hui"
    assert terms(straight) == terms(typographic)
    assert exact(straight) == exact(typographic)


@pytest.mark.parametrize(
    "accented, plain",
    [
        ("compétences", "competences"),
        ("métiers", "metiers"),
        ("Épinal", "epinal"),
        ("diplôme", "diplome"),
        ("électricienne", "electricienne"),
        ("CléA", "CLEA"),
        ("main-d'œuvre", "main d'oeuvre"),
        ("Œnologue", "oenologue"),
        ("ex æquo", "ex aequo"),
        ("Großmann", "Grossmann"),
    ],
)
def test_accents_are_folded_and_ligatures_spelt_out(accented, plain):
    """"œ" is typed "oe" on most keyboards: both find the same items."""
    assert terms(accented) == terms(plain) != []
    assert exact(accented) == exact(plain)


@pytest.mark.parametrize(
    "plural, singular",
    [
        ("soudeurs", "soudeur"),
        ("formations", "formation"),
        ("métiers", "métier"),
        ("compétences", "compétence"),
        ("chaudronniers", "chaudronnier"),
        ("aides-soignantes", "aide-soignante"),
    ],
)
def test_plural_and_singular_reach_the_same_stem(plural, singular):
    assert terms(plural) == terms(singular) != []


@pytest.mark.parametrize("word", ["le", "la", "les", "des", "du", "à", "et", "pour", "qu'il"])
def test_french_stop_words_are_dropped(word):
    assert terms(word) == []


@pytest.mark.parametrize("word", ["an", "are", "or", "us"])
def test_english_stop_words_are_french_words_kept(word):
    """"un an", the ARE benefit, "l'or", "les us et coutumes": not English filler here."""
    assert terms(word) != []


def test_stop_words_are_dropped_from_a_sentence_keeping_the_rest():
    assert terms("le soudeur des formations à Metz") == terms("soudeur formations Metz")


def test_the_stop_list_is_snowballs_french_one_with_a_few_more_words():
    """Written out in the module, the list Whoosh gave: articles and pronouns added, the
    question words and single letters."""
    assert french.STOP_WORDS == stopwords_for_language("fr") | {
        "les", "ils", "elles", "cet", "cette", "leurs"} | french.QUESTION_WORDS | french.LETTERS


@pytest.mark.parametrize(
    "acronym", ["CPF", "RNCP", "VAE", "BTS", "CAP", "GRETA", "CléA", "ARE"]
)
def test_acronyms_are_kept_whole_and_lowercased(acronym):
    assert terms(acronym) == [acronym.lower().replace("é", "e")]


@pytest.mark.parametrize(
    "acronym", ["CACES", "ARS", "DARES", "RS", "BAFA", "EPIDE", "INSEE", "DEA", "SIAE", "OPCO"]
)
def test_more_acronyms_are_kept_whole(acronym):
    assert terms(acronym) == [acronym.lower()]


@pytest.mark.parametrize(
    "acronym, word",
    [("VAE", "il va"), ("CACES", "le CAC 40"), ("CléA", "une clé"), ("BTS", "le BT"),
     ("DEA", "de")],
)
def test_an_acronym_does_not_stem_into_another_word(acronym, word):
    assert set(terms(acronym)).isdisjoint(terms(word))


@pytest.mark.parametrize(
    "dotted, plain",
    [("S.N.C.F.", "SNCF"), ("la S.N.C.F a dit", "la SNCF a dit"), ("(Z.E.A.T.)", "ZEAT"),
     ("l'A.N.P.E.", "l'ANPE"), ("l’A.N.P.E.", "ANPE"), ("U.S.A.", "USA")],
)
def test_an_acronym_written_with_full_stops_is_the_acronym(dotted, plain):
    assert terms(dotted) == terms(plain)
    assert exact(dotted) == exact(plain)


@pytest.mark.parametrize("text", ["M. Dupont", "pole-emploi.fr", "fin. Puis", "fin.Puis"])
def test_a_full_stop_between_words_or_numbers_still_separates_them(text):
    assert len(WORDS.findall(text)) == 2 + text.count("-")


def test_exact_keeps_stop_words_and_does_not_stem():
    assert exact("Les soudeurs des formations") == ["les", "soudeurs", "des", "formations"]


def test_exact_lowercases_folds_accents_and_splits_elisions():
    assert exact("L'Épreuve d’évaluation") == ["epreuve", "evaluation"]


@pytest.mark.parametrize(
    "written, other",
    [
        ("aide-soignant", "aide soignant"),
        ("aide-soignant", "aides-soignants"),
        ("aide-soignant", "Aides-Soignantes"),
        ("aide-soignant", "aide–soignant"),  # an en dash, as word processors write it
        ("l'aide-soignante", "aide soignante"),
        ("d’auxiliaires-puéricultrices", "auxiliaire puériculteur"),
        ("Saint-Étienne", "saint etienne"),
        ("bac+2", "bac 2"),
        ("agent-e d'entretien", "agent entretien"),
    ],
)
def test_hyphenated_compounds_give_the_terms_of_their_parts(written, other):
    assert terms(written) == terms(other) != []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("100 000", ["100000"]),
        ("100\u00a0000", ["100000"]),  # no-break space
        ("100\u202f000", ["100000"]),  # narrow no-break space, as typography writes it
        ("100000", ["100000"]),
        ("1 300 000 dossiers", ["1300000", "dossi"]),
        ("en 2026", ["2026"]),
        ("en 2019 500 000 emplois", ["2019", "500000", "emploi"]),
        ("niveau 4", ["niveau", "4"]),
        ("bac+2", ["bac", "2"]),
        ("2020-2021", ["2020", "2021"]),
        ("03 87 12 34 56", ["03", "87", "12", "34", "56"]),  # pairs of digits stay apart
    ],
)
def test_numbers_are_kept_and_groups_of_thousands_joined(text, expected):
    assert terms(text) == expected


def test_exact_joins_groups_of_thousands_too():
    assert exact("Les 100 000 offres") == ["les", "100000", "offres"]


@pytest.mark.parametrize(
    "word",
    ["quel", "Quelle", "quels", "quelles", "lequel", "combien", "comment", "pourquoi", "où",
     "Où", "quand", "quoi", "qui", "que", "qu'est-ce", "est-ce"],
)
def test_question_words_are_stop_words(word):
    assert terms(word) == []


def test_a_question_keeps_only_its_significant_words():
    assert terms("Combien d'aides-soignants sont recrutés en Moselle ?") == terms(
        "aides-soignants recrutés Moselle")


@pytest.mark.parametrize("text", ["a", "il a", "a-t-il", "y a-t-il", "l'", "permis B"])
def test_single_letters_are_dropped(text):
    assert all(len(term) > 1 for term in terms(text))


@pytest.mark.parametrize(
    "one, other",
    [
        ("emplois", "emploi"),
        ("détenus", "détenu"),
        ("vendeuse", "vendeur"),
        ("vendeuses", "vendeurs"),
        ("soudeuse", "soudeur"),
        ("formatrice", "formateur"),
        ("directrices", "directeur"),
        ("infirmière", "infirmier"),
        ("infirmières", "infirmiers"),
        ("conseillère", "conseiller"),
        ("cuisinière", "cuisinier"),
        ("salariée", "salarié"),
        ("employées", "employé"),
        ("nombreuses", "nombreux"),
        ("électricienne", "électricien"),
        ("françaises", "français"),
        ("polonaise", "polonais"),
        ("anglaise", "anglais"),
        ("anglaises", "anglais"),
        ("chinoise", "chinois"),
        ("québécoises", "québécois"),
        ("bourgeoise", "bourgeois"),
        ("bijoux", "bijou"),
        ("genoux", "genou"),
    ],
)
def test_plural_and_feminine_forms_meet(one, other):
    assert terms(one) == terms(other) != []


@pytest.mark.parametrize(
    "word", ["mere", "frere", "jeux", "enjeux", "bus", "vae", "dares", "2026", "aujourd'hui",
             "chaise"]
)
def test_short_words_acronyms_and_plurals_in_eux_keep_their_ending(word):
    """"mère" is not "mer", "enjeux" not "enjeur", "DARES" not "dare", "chaise" not "chai":
    base_form leaves them."""
    assert base_form(word) == word


def test_terms_are_remembered_once_per_term_function_in_the_process():
    """The index fields, the snippets and the story signatures share one memo."""
    assert memo_of(french_term) is memo_of(french_term)
    terms("soudeuses recrutées")
    assert memo_of(french_term).memo["soudeuses"] == "soudeur"


@pytest.mark.parametrize(
    "written, folded",
    [
        ("Épinal", "Epinal"),
        ("Œuvre à Ça", "OEuvre a Ca"),
        ("cæcum, Straße", "caecum, Strasse"),
        ("Łódź, Ørsted, Đakovo, ıi", "Lodz, Orsted, Dakovo, ii"),
        ("ﬁnance", "finance"),
        ("e\u0301te\u0301", "ete"),  # decomposed accents (NFD)
        ("Москва, Αθήνα", "Москва, Αθήνα"),  # other scripts are left alone
    ],
)
def test_folding_takes_the_accents_off_latin_letters_and_spells_ligatures_out(written, folded):
    assert fold(written) == folded


def test_the_stemmer_is_snowballs_current_french_one():
    """Snowball 3 (PyStemmer): feminines in -aise and plurals in -oux meet their masculine
    singular, and "nier" is not the conjunction "ni", as in Whoosh's port of 2010."""
    assert stem("japonaise") == stem("japonais")
    assert stem("choux") == stem("chou")
    assert stem("nier") != stem("ni")


# --- Same reading as Whoosh's, on the texts veille reads -------------------------------------


@cache
def corpus_texts(shared_data: Path) -> tuple[str, ...]:
    """Every paragraph of PIAF (French Wikipedia), the labels of the ROME files veille reads,
    and the test data (feeds, articles, pages, tagged items)."""
    piaf = json.loads((shared_data / "piaf-dev" / "piaf-paragraphs-all.json").read_text(
        encoding="utf-8"))
    texts = [text for article in piaf["data"] for text in (
        article["title"], *(paragraph["context"] for paragraph in article["paragraphs"]))]
    for name in rome.COLUMNS:
        (path,) = (shared_data / ROME_DIR).glob(f"unix_{name}_v*_utf8.csv")
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [value for row in csv.DictReader(handle)
                      for column, value in row.items() if column.startswith("libelle")]
    texts += [path.read_text(encoding="utf-8", errors="replace")
              for path in sorted(DATA.rglob("*")) if path.is_file()]
    return tuple(texts)


def vocabulary(shared_data: Path) -> set[str]:
    """Every distinct folded word of the corpus, and its base form: the stemmer's inputs."""
    words = set(map(exact_term, set(WORDS.findall("\n".join(corpus_texts(shared_data))))))
    return words | {base_form(word) for word in words}


# Where Snowball 3 and Whoosh's port differ on the corpus: feminines in -aise (Whoosh kept
# "-ais", apart from the masculine), plurals in -oux (Whoosh kept the x), verbs in -ier
# (Whoosh cut "nier" to the conjunction "ni"), and a final i after y. Snowball is right
# French but for "mortaise" (a carpenter's joint, not "mort"): kept, with a new index.
SNOWBALL_AND_WHOOSH = {
    "albanaises": ("alban", "albanais"), "antijaponaise": ("antijapon", "antijaponais"),
    "antillaise": ("antill", "antillais"), "antillaises": ("antill", "antillais"),
    "applicatrice": ("appliqu", "appl"), "ardennaises": ("arden", "ardennais"),
    "balais": ("balais", "bal"), "bijoux": ("bijou", "bijoux"), "calais": ("calais", "cal"),
    "bioindicatrice": ("bioindiqu", "bioind"), "choux": ("chou", "choux"),
    "congolaise": ("congol", "congolais"), "ecossaise": ("ecoss", "ecossais"),
    "ecossaises": ("ecoss", "ecossais"), "epoux": ("epou", "epoux"),
    "francaise": ("franc", "francais"), "francaises": ("franc", "francais"),
    "genoux": ("genou", "genoux"), "hollandaises": ("holland", "hollandais"),
    "irlandaise": ("irland", "irlandais"), "irlandaises": ("irland", "irlandais"),
    "jaloux": ("jalou", "jaloux"), "japonaise": ("japon", "japonais"),
    "japonaises": ("japon", "japonais"), "javanaise": ("javan", "javanais"),
    "joux": ("jou", "joux"), "libanaise": ("liban", "libanais"),
    "lyonnaises": ("lyon", "lyonnais"), "malais": ("malais", "mal"),
    "marnaises": ("marn", "marnais"), "mathoux": ("mathou", "mathoux"),
    "mauvais": ("mauvais", "mauv"), "mortaise": ("mort", "mortais"),
    "neerlandaise": ("neerland", "neerlandais"), "neerlandaises": ("neerland", "neerlandais"),
    "nie": ("nie", "ni"), "nier": ("nier", "ni"), "pakistanaise": ("pakistan", "pakistanais"),
    "pakistanaises": ("pakistan", "pakistanais"), "palais": ("palais", "pal"),
    "polonaise": ("polon", "polonais"), "polonaises": ("polon", "polonais"),
    "portugaise": ("portug", "portugais"), "portugaises": ("portug", "portugais"),
    "preardennaises": ("prearden", "preardennais"),
    "thailandaise": ("thailand", "thailandais"), "thailandaises": ("thailand", "thailandais"),
    "yogi": ("yog", "yogi"), "yorkaise": ("york", "yorkais"), "yuki": ("yuk", "yuki"),
    "yuri": ("yur", "yuri"), "zelandaises": ("zeland", "zelandais"),
}


@pytest.mark.slow
def test_the_stemmer_gives_whooshs_stems_on_the_corpus_but_for_snowballs_fixes(shared_data):
    whoosh_stem = stemmer_for_language("fr")
    words = vocabulary(shared_data)
    assert len(words) > 30_000
    stems = {word: (stem(word), whoosh_stem(word)) for word in words}
    differences = {word: pair for word, pair in stems.items() if pair[0] != pair[1]}
    assert differences == SNOWBALL_AND_WHOOSH


def whoosh_fold(text: str) -> str:
    return text.translate(accent_map)


@pytest.mark.slow
def test_folding_is_whooshs_on_every_character_of_the_corpus_but_typography(shared_data):
    """Characters typed otherwise are written as typed first (typography.plain: œ and æ
    spelt out, as the taggers always did, where Whoosh kept them; apostrophes, dashes,
    compatibility characters); ß is spelt out (Whoosh made it one s); "İ" loses the dot
    that lowercasing leaves after it; and the phonetic letters of PIAF's transcriptions
    ("almaɲ") stay as they are."""
    places = (shared_data / GEO_DIR / "communes.json").read_text(encoding="utf-8")
    characters = {char.lower() for text in (*corpus_texts(shared_data), places)
                  for char in text}
    differ = {char for char in characters if fold(char) != whoosh_fold(char)}
    assert {char for char in differ if plain(char) != char} == set("ºæœ᾽–—’…ℤⅱ−")
    assert {char for char in differ if plain(char) == char} == {
        "ß", "i̇", "ɚ", "ɲ", "ʏ", "\u032f"}


def test_folding_differs_from_whooshs_only_by_spelling_out_or_keeping_a_letter():
    """Over all of Unicode's letters, where the two differ the letter is either spelt out
    (as typed, typography.plain: compatibility letters, ligatures, the long s, ʼ; or ß, þ
    and the dot of "İ") or kept as it is: the letters with a hook or a bar of African and
    phonetic alphabets, which Whoosh reduces to a base letter and French never writes."""
    spelt, kept = set(), set()
    for letter in map(chr, range(0x110000)):
        char = letter.lower()
        if unicodedata.category(letter)[0] == "L" and fold(char) != whoosh_fold(char):
            (kept if fold(char) == char else spelt).add(char)
    assert {char for char in spelt if plain(char) == char} == set("ßþ") | {"i̇"}
    assert set("æœĳǆſﬁʼ") <= spelt
    assert all(whoosh_fold(char).isascii() for char in kept)


# --- Below every other package --------------------------------------------------------------


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports, relative ones as written (".models" is "..models")."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "veille" / "text").rglob("*.py")),
                         ids=lambda path: path.name)
def test_the_text_package_imports_no_search_engine_and_no_other_package_of_veille(path):
    for module in imported_modules(path):
        assert module.split(".")[0] != "whoosh", module
        assert not module.startswith("..") or module in {"..errors", "..models"}, module
        assert not module.startswith("veille"), module

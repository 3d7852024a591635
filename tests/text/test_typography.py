"""Typography users do not type, written as they type it (veille.text.typography.plain)."""

import pytest

from veille.text.french import fold
from veille.text.typography import plain


@pytest.mark.parametrize(
    ("typeset", "typed"),
    [
        ("Main-d’œuvre", "Main-d'oeuvre"),
        ("curriculum vitæ, ŒUVRE, Æsope", "curriculum vitae, OEUVRE, AEsope"),
        ("lʼécole l‘école l′école l‛école l＇école l`école l´école", "l'école " * 6 + "l'école"),
        ("aide‐soignante aide‑soignante 2020‒2026 – — ― − －", "aide-soignante " * 2
         + "2020-2026 - - - - -"),
        ("for\u00admation, in\u200bvisible, mot\u2060joint, \ufeffdébut", "formation, "
         "invisible, motjoint, début"),
        ("100\u00a0000 100\u202f000 100\u2009000 100\u2007000 100\u3000000", "100 000 " * 4
         + "100 000"),
        ("ﬁnancement ﬂux ＣＰＦ ２０２６", "financement flux CPF 2026"),
        ("XIXᵉ siècle, 1ᵉʳ mars, 50 m², Mᵐᵉ, nº 3", "XIXe siècle, 1er mars, 50 m2, Mme, no 3"),
        ("𝐬𝐨𝐮𝐝𝐞𝐮𝐫 𝑀𝑒𝑡𝑧", "soudeur Metz"),
        ("e\u0301cole, cafe\u0301", "école, café"),
        ("« guillemets » “quotes” „Zitat“", "« guillemets » “quotes” „Zitat“"),
    ],
)
def test_typography_is_written_as_typed_case_and_accents_kept(typeset, typed):
    assert plain(typeset) == typed


def test_folding_starts_from_the_text_as_typed():
    assert fold("Lʼœuvre du XIXᵉ\u00a0siècle à Épinal") == "L'oeuvre du XIXe siecle a Epinal"

"""Typography users do not type: the characters typeset text holds where a keyboard gives a
plain one, and `plain`, which writes them as typed. The index, the queries, the keep and
block rules and the taggers read words through it (text/french.py's terms and `fold`, the
taggers' matcher, the query tokenizer), so that what is typed finds what is printed:

- ligatures spelt out: "œuvre" is typed "oeuvre", "curriculum vitæ" "curriculum vitae";
- compatibility characters as Unicode's NFKC writes them: "ﬁ" is "fi", full-width letters
  and digits ("ＣＰＦ") plain ones, superscripts plain letters and digits ("XIXᵉ" is
  "XIXe", "1ᵉʳ" "1er", "m²" "m2"), the styled letters of social media posts ("𝐬𝐨𝐮𝐝𝐞𝐮𝐫")
  plain ones; accents typed as two characters (a letter and a combining mark) are one;
- apostrophes (’ ʼ ‘ ′ ‛ ＇, and ` ´ typed for one) are ', hyphens and dashes (‐ ‑ ‒ – — ―
  − －) are -, spaces of every width (no-break, narrow no-break, thin, figure…) a space;
- the invisible characters that sit inside words (the soft hyphen, zero-width spaces and
  joiners, the word joiner, a byte order mark) are dropped, as collection drops them from
  stored texts (text/html.py).
Case and accents are kept: folding them off is text/french.py's `fold`, which starts here.
Quotation marks are left as they are: the query language reads them (QUOTES).
"""

import unicodedata

APOSTROPHES = "'’ʼ‘′‛＇`´"
DASHES = "-‐‑‒–—―−﹣－"
# Unicode's space separators (Zs) but the plain space: what `\s` holds besides line breaks.
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u202f\u205f\u3000"
# Invisible characters that may sit inside a word, and combining marks (an accent typed
# after its letter): both belong to the word they are in.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
COMBINING = "\u0300-\u036f"
# What opens or closes a quotation, French and English, straight and curly.
QUOTES = '"“”„‟«»‹›'

_PUNCTUATION = {
    **dict.fromkeys(map(ord, APOSTROPHES), "'"),
    **dict.fromkeys(map(ord, DASHES), "-"),
    **dict.fromkeys(map(ord, SPACES), " "),
    **dict.fromkeys(map(ord, INVISIBLE), None),
    **{ord(ligature): spelt for ligature, spelt in
       {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}.items()},
}


def plain(text: str) -> str:
    """`text` as a keyboard types it, case and accents kept: "Lʼœuvre du XIXᵉ\u00a0siècle"
    → "L'oeuvre du XIXe siècle". (The punctuation first: NFKC would make "´" a space and
    an accent.)"""
    return unicodedata.normalize("NFKC", text.translate(_PUNCTUATION))

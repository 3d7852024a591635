"""Typography users do not type, as a table for the tests of every reader of words (the
index and its queries, the rules, the taggers): each entry sets a text typed on a keyboard
as a typesetter, a word processor or a social network writes it."""

import re
import unicodedata
from collections.abc import Callable


def _letters(start: int, capitals: int) -> Callable[[str], str]:
    """ASCII letters and digits written in another alphabet of the same shapes."""
    def typeset(text: str) -> str:
        return "".join(
            chr(start + ord(char) - ord("a")) if "a" <= char <= "z"
            else chr(capitals + ord(char) - ord("A")) if "A" <= char <= "Z" else char
            for char in text)
    return typeset


def _replace(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new)


def _superscripts(text: str) -> str:
    """"1er", "XIXe", "m2" as typeset: "1ᵉʳ", "XIXᵉ", "m²"."""
    text = re.sub(r"(?<=[0-9IVX])er\b", "ᵉʳ", text)
    text = re.sub(r"(?<=[0-9IVX])e\b", "ᵉ", text)
    return re.sub(r"(?<=m)2\b", "²", text)


def _soft_hyphens(text: str) -> str:
    """A soft hyphen in the middle of every word of six letters or more."""
    return re.sub(r"\w{6,}", lambda word: word[0][:3] + "\u00ad" + word[0][3:], text)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if char.isascii() and char.isalnum() else char
                   for char in text)


TYPESET: dict[str, Callable[[str], str]] = {
    "œ ligature": lambda text: text.replace("oe", "œ").replace("OE", "Œ"),
    "æ ligature": lambda text: text.replace("ae", "æ"),
    "ﬁ ligature": lambda text: text.replace("fi", "ﬁ").replace("fl", "ﬂ"),
    **{f"apostrophe {name}": _replace("'", char) for name, char in {
        "U+2019 ’": "’", "U+02BC ʼ": "ʼ", "U+2018 ‘": "‘", "U+2032 ′": "′", "U+201B ‛": "‛",
        "U+FF07 ＇": "＇", "U+0060 `": "`", "U+00B4 ´": "´"}.items()},
    **{f"hyphen {name}": _replace("-", char) for name, char in {
        "U+2010 ‐": "‐", "U+2011 ‑": "‑", "U+2012 ‒": "‒", "U+2013 –": "–", "U+2014 —": "—",
        "U+2212 −": "−", "U+FF0D －": "－"}.items()},
    "soft hyphens": _soft_hyphens,
    **{f"space {name}": _replace(" ", char) for name, char in {
        "U+00A0 no-break": "\u00a0", "U+202F narrow no-break": "\u202f",
        "U+2009 thin": "\u2009", "U+2007 figure": "\u2007"}.items()},
    "superscripts": _superscripts,
    "full-width letters and digits": _fullwidth,
    "mathematical bold letters": _letters(0x1D41A, 0x1D400),
    "decomposed accents": lambda text: unicodedata.normalize("NFD", text),
}

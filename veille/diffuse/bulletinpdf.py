"""A watch bulletin as a PDF (`/bulletins/<id>.pdf`), to print or send on: the Maison's
letterhead (logo, name, contacts), the title, the editorial and each entry with its link.

fpdf2 (pure Python, on PyPI) draws it with the PDF core fonts in the Windows-1252 encoding,
which holds French whole (accents, « », œ, ’, €); a character beyond it is written folded
("ŉ" → "'n") or as "?", never an error. No font file, no system library.
"""

import unicodedata
from io import BytesIO

from fpdf import FPDF

from ..models import Bulletin, BulletinEntry
from .bulletinmail import archive_url, day_fr, paragraphs, web_link
from .maison import Logo, Maison

ENCODING = "windows-1252"
FONT = "helvetica"
ACCENT = (164, 18, 63)  # the emails' accent colour
MUTED = (91, 91, 102)
BLACK = (29, 29, 31)


def render(bulletin: Bulletin, base_url: str, maison: Maison, logo: Logo | None = None) -> bytes:
    """The bulletin's PDF."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_title(printable(bulletin.title))
    pdf.set_author(printable(maison.name))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _letterhead(pdf, maison, logo)
    _heading(pdf, bulletin)
    for lines in paragraphs(bulletin.editorial):
        _text(pdf, " ".join(lines), 11)
        pdf.ln(2)
    for number, entry in enumerate(bulletin.entries, start=1):
        _entry(pdf, number, entry)
    pdf.ln(4)
    _text(pdf, f"Ce bulletin en ligne : {archive_url(base_url, bulletin.id)}", 9, MUTED)
    return bytes(pdf.output())


def printable(text: str) -> str:
    """`text` as the core fonts can write it: each character outside Windows-1252 folded to
    its base letters when it has some, else "?"."""
    return "".join(char if _encodable(char) else _folded(char) for char in text)


def _letterhead(pdf: FPDF, maison: Maison, logo: Logo | None) -> None:
    if logo is not None:
        try:
            pdf.image(BytesIO(logo.content), h=16)
        except Exception:  # noqa: BLE001 - an image fpdf2 cannot read is no logo, not an error
            pass
    _text(pdf, maison.name, 11, BLACK, "B")
    for detail in maison.details:
        _text(pdf, detail, 9, MUTED)
    pdf.ln(4)


def _heading(pdf: FPDF, bulletin: Bulletin) -> None:
    _text(pdf, "BULLETIN DE VEILLE", 9, ACCENT, "B")
    _text(pdf, bulletin.title, 18, BLACK, "B")
    day = day_fr(bulletin.sent_at.date().isoformat()) if bulletin.sent_at else "brouillon"
    _text(pdf, f"Envoyé le {day}" if bulletin.sent_at else day, 9, MUTED)
    pdf.ln(3)


def _entry(pdf: FPDF, number: int, entry: BulletinEntry) -> None:
    pdf.ln(2)
    link = web_link(entry.url)
    pdf.set_text_color(*(ACCENT if link else BLACK))
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, printable(f"{number}. {entry.title}"), link=link,
                   new_x="LMARGIN", new_y="NEXT")
    meta = " · ".join(part for part in (entry.source, day_fr(entry.date) if entry.date else "")
                      if part)
    if meta:
        _text(pdf, meta, 9, MUTED)
    if entry.summary:
        _text(pdf, entry.summary, 10)
    if entry.comment:
        pdf.set_x(pdf.l_margin + 4)
        _text(pdf, entry.comment, 10, ACCENT, "I")
    if link:
        _text(pdf, link, 8, MUTED)


def _text(pdf: FPDF, text: str, size: int, colour=BLACK, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, printable(text), new_x="LMARGIN", new_y="NEXT")


def _encodable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _folded(char: str) -> str:
    base = "".join(part for part in unicodedata.normalize("NFKD", char)
                   if not unicodedata.combining(part) and _encodable(part))
    return base or "?"

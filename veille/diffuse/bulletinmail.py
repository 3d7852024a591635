"""A watch bulletin as an email: an HTML body (inline styles, which mail readers keep) and
a plain-text one, built as strings with every text escaped (no template engine in `veille`).

Links are absolute: the articles' original addresses (http and https only), the bulletin's
public page and its PDF under `[web] base_url`, and each recipient's own unsubscribe link,
which the `List-Unsubscribe` headers carry too (RFC 8058: a mail reader's one-click
unsubscribe POSTs to it). Nothing links to the internal item pages. The Maison (its logo,
name and contacts) signs it.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date

from ..models import Bulletin, BulletinEntry
from .mailer import Mail
from .maison import Maison
from .subscriptions import Recipient, unsubscribe_url

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
ACCENT = "#a4123f"
MUTED = "#5b5b66"
STYLE = {
    "body": "margin:0;padding:0;background:#f4f4f6;",
    "page": "max-width:640px;margin:0 auto;padding:24px;background:#ffffff;"
            "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;"
            "color:#1d1d1f;",
    "kicker": f"margin:0;color:{ACCENT};font-size:13px;font-weight:bold;"
              "text-transform:uppercase;letter-spacing:1px;",
    "h1": "margin:4px 0 16px;font-size:24px;line-height:1.25;",
    "editorial": "margin:0 0 12px;",
    "entries": f"margin:24px 0 0;padding:16px 0 0;border-top:3px solid {ACCENT};",
    "entry": "margin:0 0 20px;padding:0 0 16px;border-bottom:1px solid #dddddd;",
    "h2": "margin:0 0 4px;font-size:18px;line-height:1.3;",
    "link": f"color:{ACCENT};",
    "meta": f"margin:0 0 8px;color:{MUTED};font-size:14px;",
    "summary": "margin:0 0 8px;",
    "comment": f"margin:0;padding:8px 12px;background:#eef4fb;border-left:4px solid {ACCENT};",
    "footer": f"margin:24px 0 0;color:{MUTED};font-size:13px;",
    "logo": "max-height:64px;max-width:240px;margin:0 0 12px;",
}
PERSONAL_LINK = "(lien personnel de chaque destinataire)"


@dataclass(frozen=True)
class Letterhead:
    """Who signs the bulletin: the Maison, and whether it has a logo to show."""

    maison: Maison = field(default_factory=lambda: Maison("Maison des compétences"))
    logo: bool = False


def archive_url(base_url: str, bulletin_id: int | None) -> str:
    """The address of the bulletin's public page (webui's `bulletins.show`)."""
    return f"{base_url.rstrip('/')}/bulletins/{bulletin_id}"


def pdf_url(base_url: str, bulletin_id: int | None) -> str:
    """The address of the bulletin's PDF (webui's `bulletins.pdf`)."""
    return f"{archive_url(base_url, bulletin_id)}.pdf"


def web_link(url: str) -> str:
    """`url` if it is an absolute http(s) address, else "" (no javascript:, no data:)."""
    return url if re.match(r"https?://[^\s/]", url, re.IGNORECASE) else ""


def paragraphs(text: str) -> list[list[str]]:
    """Plain text as paragraphs (split on blank lines), each a list of its lines."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").strip())
    return [[line.strip() for line in block.split("\n") if line.strip()]
            for block in blocks if block.strip()]


def day_fr(iso_day: str) -> str:
    """"2026-04-01" → "1er avril 2026"; what is not a day stays as it is."""
    try:
        day = date.fromisoformat(iso_day[:10])
    except ValueError:
        return iso_day
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def mails(bulletin: Bulletin, recipients: list[Recipient], base_url: str,
          letterhead: Letterhead = Letterhead()) -> list[Mail]:
    """One mail per recipient, so that nobody sees who else received it, each with its own
    unsubscribe link (in the body and the List-Unsubscribe headers)."""
    found = []
    for recipient in recipients:
        leave = unsubscribe_url(base_url, recipient.token)
        found.append(Mail(
            to=(recipient.email,), subject=bulletin.title,
            text=text_body(bulletin, base_url, letterhead, leave),
            html=html_body(bulletin, base_url, letterhead, leave),
            headers=(("List-Unsubscribe", f"<{leave}>"),
                     ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")),
            sender_name=letterhead.maison.name or "veille"))
    return found


def html_body(bulletin: Bulletin, base_url: str, letterhead: Letterhead = Letterhead(),
              unsubscribe: str = "") -> str:
    """The HTML of the email: a whole page, every text escaped, styles inline."""
    e = _escape
    editorial = "".join(f'\n<p style="{STYLE["editorial"]}">{"<br>".join(map(e, lines))}</p>'
                        for lines in paragraphs(bulletin.editorial))
    entries = "".join(f"\n{_entry_html(entry)}" for entry in bulletin.entries)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(bulletin.title)}</title></head>\n"
        f'<body style="{STYLE["body"]}"><div style="{STYLE["page"]}">\n'
        f"{_logo_html(base_url, letterhead)}"
        f'<p style="{STYLE["kicker"]}">Bulletin de veille · {e(letterhead.maison.name)}</p>\n'
        f'<h1 style="{STYLE["h1"]}">{e(bulletin.title)}</h1>{editorial}\n'
        f'<div style="{STYLE["entries"]}">{entries}\n</div>\n'
        f"{_footer_html(bulletin, base_url, letterhead, unsubscribe)}"
        "</div></body></html>\n"
    )


def _logo_html(base_url: str, letterhead: Letterhead) -> str:
    if not letterhead.logo:
        return ""
    source = _escape(f"{base_url.rstrip('/')}/maison/logo")
    return (f'<p style="margin:0;"><img src="{source}" alt="{_escape(letterhead.maison.name)}" '
            f'style="{STYLE["logo"]}"></p>\n')


def _footer_html(bulletin: Bulletin, base_url: str, letterhead: Letterhead,
                 unsubscribe: str) -> str:
    e, link = _escape, STYLE["link"]
    online, pdf = e(archive_url(base_url, bulletin.id)), e(pdf_url(base_url, bulletin.id))
    leave = (f'<a href="{e(unsubscribe)}" style="{link}">Se désabonner</a>' if unsubscribe
             else f"Se désabonner : {PERSONAL_LINK}")
    signed = "<br>".join(map(e, [letterhead.maison.name, *letterhead.maison.details]))
    return (f'<p style="{STYLE["footer"]}">Ce bulletin est aussi en ligne : '
            f'<a href="{online}" style="{link}">{online}</a> · '
            f'<a href="{pdf}" style="{link}">version PDF</a></p>\n'
            f'<p style="{STYLE["footer"]}">{signed}</p>\n'
            f'<p style="{STYLE["footer"]}">{leave}</p>\n')


def _entry_html(entry: BulletinEntry) -> str:
    e = _escape
    title = e(entry.title)
    if link := web_link(entry.url):
        title = f'<a href="{e(link)}" style="{STYLE["link"]}">{title}</a>'
    summary = f'<p style="{STYLE["summary"]}">{e(entry.summary)}</p>' if entry.summary else ""
    comment = (f'<p style="{STYLE["comment"]}">{"<br>".join(map(e, entry.comment.splitlines()))}'
               "</p>") if entry.comment else ""
    return (f'<div style="{STYLE["entry"]}"><h2 style="{STYLE["h2"]}">{title}</h2>'
            f'<p style="{STYLE["meta"]}">{e(_meta(entry))}</p>{summary}{comment}</div>')


def text_body(bulletin: Bulletin, base_url: str, letterhead: Letterhead = Letterhead(),
              unsubscribe: str = "") -> str:
    """The plain-text part: the same content, for readers without HTML."""
    lines = [bulletin.title, "=" * min(len(bulletin.title), 72), ""]
    for block in paragraphs(bulletin.editorial):
        lines += [*block, ""]
    for number, entry in enumerate(bulletin.entries, start=1):
        lines.append(f"{number}. {entry.title}")
        lines += [f"   {part}" for part in (_meta(entry), web_link(entry.url)) if part]
        if entry.summary:
            lines.append(f"   {entry.summary}")
        lines += [f"   > {line}" for line in entry.comment.splitlines() if line.strip()]
        lines.append("")
    lines += ["-- ", f"Ce bulletin en ligne : {archive_url(base_url, bulletin.id)}",
              f"En PDF : {pdf_url(base_url, bulletin.id)}", "",
              letterhead.maison.name, *letterhead.maison.details, "",
              f"Se désabonner : {unsubscribe or PERSONAL_LINK}"]
    return "\n".join(lines) + "\n"


def _meta(entry: BulletinEntry) -> str:
    return " · ".join(part for part in (entry.source, day_fr(entry.date) if entry.date else "")
                      if part)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)

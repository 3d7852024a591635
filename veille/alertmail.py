"""The email of a saved search's alert: the items new in it since the last one, as plain
text and as HTML, built as strings with every text escaped (no template engine in `veille`).

Links are absolute, under `[web] base_url`: each item's page, the search, the page where
people manage their saved searches and alerts.
"""

import html
from urllib.parse import quote

from .index.search import Hit, SearchPage
from .mailer import Mail
from .models import LOCAL_TIME, SavedSearch
from .saved_searches import describe, search_path

ACCENT = "#a4123f"
MUTED = "#5b5b66"
PAGE = ("max-width:640px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;"
        "font-size:16px;line-height:1.5;color:#1d1d1f;background:#ffffff;")


def item_url(base_url: str, item_id: str) -> str:
    """The address of an item's page (webui's `items.show`)."""
    return f"{base_url.rstrip('/')}/items/{quote(item_id, safe='')}"


def digest(saved: SavedSearch, page: SearchPage, base_url: str) -> Mail:
    """The alert of `saved` to its owner: `page` holds its new matches, newest first."""
    count = _count(page.total)
    subject = f"veille : {count} pour « {saved.name} »"
    return Mail(to=(saved.owner,), subject=subject, text=text_body(saved, page, base_url),
                html=html_body(saved, page, base_url))


def text_body(saved: SavedSearch, page: SearchPage, base_url: str) -> str:
    base = base_url.rstrip("/")
    lines = ["Bonjour,", "", f"{_intro(saved, page.total)}", f"({describe(saved.query)})", ""]
    for hit in page.hits:
        lines += [f"- {_one_line(hit.title)}", f"  {_one_line(_meta(hit))}",
                  f"  {item_url(base, hit.id)}", ""]
    if page.total > len(page.hits):
        lines += [f"… et {page.total - len(page.hits)} autres.", ""]
    lines += [f"Lancer la recherche : {base}{search_path(saved)}",
              f"Gérer vos recherches et alertes : {base}/saved", "", "— veille"]
    return "\n".join(lines) + "\n"


def html_body(saved: SavedSearch, page: SearchPage, base_url: str) -> str:
    e, base = html.escape, base_url.rstrip("/")
    entries = "".join(_entry_html(hit, base) for hit in page.hits)
    more = (f"<p>… et {page.total - len(page.hits)} autres.</p>"
            if page.total > len(page.hits) else "")
    link = f'style="color:{ACCENT};"'
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{e(saved.name)}</title></head>"
        f'<body style="margin:0;padding:0;background:#f4f4f6;"><div style="{PAGE}">'
        f'<h1 style="font-size:22px;margin:0 0 8px;">{e(saved.name)}</h1>'
        f"<p>{e(_intro(saved, page.total))}</p>"
        f'<p style="color:{MUTED};font-size:14px;">{e(describe(saved.query))}</p>'
        f'<ul style="padding-left:20px;">{entries}</ul>{more}'
        f'<p><a {link} href="{e(base + search_path(saved))}">Lancer la recherche</a> · '
        f'<a {link} href="{e(base)}/saved">Gérer vos recherches et alertes</a></p>'
        "</div></body></html>\n"
    )


def _entry_html(hit: Hit, base: str) -> str:
    e = html.escape
    # The snippet is HTML already: the text escaped, matches in <mark> (index/snippets.py).
    return (
        '<li style="margin:0 0 16px;">'
        f'<a style="color:{ACCENT};font-weight:bold;" href="{e(item_url(base, hit.id))}">'
        f"{e(hit.title)}</a>"
        f'<br><span style="color:{MUTED};font-size:14px;">{e(_meta(hit))}</span>'
        f"<br>{hit.snippet}</li>"
    )


def _intro(saved: SavedSearch, total: int) -> str:
    verb = "correspond" if total == 1 else "correspondent"
    return (f"{_count(total).capitalize()} {verb} à votre recherche « {saved.name} » "
            "depuis la dernière alerte.")


def _count(total: int) -> str:
    return "1 nouveau document" if total == 1 else f"{total} nouveaux documents"


def _meta(hit: Hit) -> str:
    kind = {"news": "Actualité", "resource": "Ressource"}.get(hit.kind, hit.kind)
    return f"{kind} · {hit.source} · {hit.published.astimezone(LOCAL_TIME):%d/%m/%Y}"


def _one_line(text: str) -> str:
    return " ".join(text.split())

"""The email of a saved search's alert, as plain text and as HTML, built as strings with
every text escaped (no template engine in `veille`): a digest of the items new in it since
the last one, or a spike (the search rising, with its newest items and its trend).

Links are absolute, under `[web] base_url`: each item's page, the search (and its trend),
the page where people manage their saved searches and alerts.
"""

import html
from urllib.parse import quote

from ..analyse.trends import BASELINE_WEEKS, RECENT_WEEKS, Rise
from ..index.search import Hit, SearchPage
from ..models import LOCAL_TIME, SavedSearch
from .mailer import Mail
from .saved_searches import search_path

ACCENT = "#a4123f"
MUTED = "#5b5b66"
PAGE = ("max-width:640px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;"
        "font-size:16px;line-height:1.5;color:#1d1d1f;background:#ffffff;")


def item_url(base_url: str, item_id: str) -> str:
    """The address of an item's page (webui's `items.show`)."""
    return f"{base_url.rstrip('/')}/items/{quote(item_id, safe='')}"


def digest(saved: SavedSearch, page: SearchPage, base_url: str, described: str) -> Mail:
    """The alert of `saved` to its owner: `page` holds its new matches, newest first;
    `described` says its search in words (saved_searches.described)."""
    subject = f"veille : {_count(page.total)} pour « {saved.name} »"
    return _mail(saved, page, base_url, subject, _intro(saved, page.total), described,
                 trend=False)


def spike(saved: SavedSearch, rise: Rise, page: SearchPage, base_url: str,
          described: str) -> Mail:
    """The spike alert of `saved`: it is rising by `rise`; `page` holds its newest items of
    the recent weeks."""
    intro = (f"Votre recherche « {saved.name} » est en hausse marquée : {_documents(rise.recent)}"
             f" ces {RECENT_WEEKS} dernières semaines, pour {_number(rise.expected)} attendus "
             f"d'après les {BASELINE_WEEKS} semaines précédentes (× {_number(rise.ratio)}).")
    subject = f"veille : hausse marquée pour « {saved.name} »"
    return _mail(saved, page, base_url, subject, intro, described, trend=True)


def _mail(saved: SavedSearch, page: SearchPage, base_url: str, subject: str, intro: str,
          described: str, trend: bool) -> Mail:
    base = base_url.rstrip("/")
    links = [("Lancer la recherche", base + search_path(saved)),
             ("Gérer vos recherches et alertes", f"{base}/saved")]
    if trend:
        links.insert(0, ("Voir la tendance", base + search_path(saved, "/tendances")))
    return Mail(to=(saved.owner,), subject=subject,
                text=text_body(page, base, intro, described, links),
                html=html_body(saved.name, page, base, intro, described, links))


def text_body(page: SearchPage, base: str, intro: str, described: str,
              links: list[tuple[str, str]]) -> str:
    """The text part: `intro`, the search `described`, the items of `page`, then `links`
    (label, URL)."""
    lines = ["Bonjour,", "", intro, f"({described})", ""]
    for hit in page.hits:
        lines += [f"- {_one_line(hit.title)}", f"  {_one_line(_meta(hit))}",
                  f"  {item_url(base, hit.id)}", ""]
    if page.total > len(page.hits):
        lines += [f"… et {page.total - len(page.hits)} autres.", ""]
    lines += [f"{label} : {url}" for label, url in links]
    lines += ["", "— veille"]
    return "\n".join(lines) + "\n"


def html_body(name: str, page: SearchPage, base: str, intro: str, described: str,
              links: list[tuple[str, str]]) -> str:
    """The HTML part, as the text one says it."""
    e = html.escape
    entries = "".join(_entry_html(hit, base) for hit in page.hits)
    more = (f"<p>… et {page.total - len(page.hits)} autres.</p>"
            if page.total > len(page.hits) else "")
    anchors = " · ".join(f'<a style="color:{ACCENT};" href="{e(url)}">{e(label)}</a>'
                         for label, url in links)
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{e(name)}</title></head>"
        f'<body style="margin:0;padding:0;background:#f4f4f6;"><div style="{PAGE}">'
        f'<h1 style="font-size:22px;margin:0 0 8px;">{e(name)}</h1>'
        f"<p>{e(intro)}</p>"
        f'<p style="color:{MUTED};font-size:14px;">{e(described)}</p>'
        f'<ul style="padding-left:20px;">{entries}</ul>{more}'
        f"<p>{anchors}</p>"
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


def _documents(total: int) -> str:
    return "1 document" if total == 1 else f"{total} documents"


def _number(value: float) -> str:
    """A figure as French writes it, to one decimal at most: 2, 2,5."""
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


def _meta(hit: Hit) -> str:
    kind = {"news": "Actualité", "resource": "Ressource"}.get(hit.kind, hit.kind)
    return f"{kind} · {hit.source} · {hit.published.astimezone(LOCAL_TIME):%d/%m/%Y}"


def _one_line(text: str) -> str:
    return " ".join(text.split())

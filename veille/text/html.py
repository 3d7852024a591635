"""HTML as veille keeps and shows it: sanitised (the only HTML the UI ever shows comes out of
`clean_html`), and its text on one line, without the characters no stored text keeps."""

import html
import re

import nh3
from bs4 import BeautifulSoup, Tag

_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z!/]")
# What text_to_html makes of plain text is paragraphs of text escaped by html.escape: its
# text is read back without an HTML parser (most of the time of normalising plain text).
_OTHER_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|#x27);)")
_SPACES = re.compile(r"\s+")
# Characters no stored text keeps: C0 controls but tab and line breaks, and DEL (no text
# needs them and XML forbids them), and the invisible format characters (Unicode's Cf):
# bidirectional controls and marks (U+202E shows "Offre gpj.exe" as "Offre exe.jpg"), zero
# width spaces and joiners, the soft hyphen and the byte order mark (they hide inside a word
# from search), the word joiner and invisible operators, the deprecated format controls,
# interlinear annotations, the layout controls of scripts veille never meets, and the tag
# characters (invisible text). A zero width joiner between two emoji stays: it makes one
# picture of them ("woman" and "wrench" are a mechanic). The Cf characters that show as a
# sign (Arabic number signs and the like) are not listed.
_EMOJI = "\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_CONTROL_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b\u200c\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
    f"|\u200d(?:(?<![{_EMOJI}\ufe0f\U0001f3fb-\U0001f3ff]\u200d)|(?![{_EMOJI}]))"
)
# Listed here rather than taken from nh3's defaults, so that an upgrade widens nothing. No

# script, style, form, input, button, iframe, object, embed, svg or math; no `style`, `class`
# or event attribute; URLs only in href and src (`cite` could carry javascript:).
_ALLOWED_TAGS = {
    "a", "abbr", "acronym", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
    "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "rtc", "ruby", "s",
    "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "bdo": {"dir"},
}


def clean_html(markup: str) -> str:
    """Return safe HTML: no script, style, form or embedded frame, no event handler or style
    attribute; link and image addresses only http(s) (or mailto for links) or relative.

    Plain text (no tag at all) becomes escaped paragraphs, so that its line breaks survive.
    """
    markup = _CONTROL_CHARS.sub("", markup)
    if not markup:
        return ""
    if not _LOOKS_LIKE_HTML.search(markup):
        return text_to_html(markup)
    return _sanitised(markup)


def _sanitised(markup: str) -> str:
    """Safe HTML of `markup`, without the characters the entities it held gave (the
    sanitiser writes `&#x202E;` as the character itself)."""
    return _CONTROL_CHARS.sub("", nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ))


def text_to_html(text: str) -> str:
    """Plain text as escaped HTML paragraphs (blank lines separate them)."""
    text = _CONTROL_CHARS.sub("", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def literal_text(text: str) -> str:
    """Plain text on one line, as it is: nothing in it is taken for markup."""
    return collapse(_CONTROL_CHARS.sub("", text))


def plain_text(markup: str) -> str:
    """Text of a short field that may hold markup (title, source name), on one line. It is
    read as HTML even without a tag: a feed's text title comes escaped ("&lt;" for "<") so
    that it keeps what looks like markup, and those escapes must read back as the text."""
    if "<" not in markup and "&" not in markup:  # no markup: no need to parse it
        return literal_text(markup)
    return html_to_text(_sanitised(_CONTROL_CHARS.sub("", markup)))


def html_to_text(markup: str) -> str:
    if not markup:
        return ""
    text = markup.replace("<p>", " ").replace("</p>", " ")
    if "<" not in text and not _OTHER_ENTITY.search(text):  # plain text made HTML (text_to_html)
        return collapse(html.unescape(text))
    return collapse(BeautifulSoup(markup, "html.parser").get_text(" "))


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """Cut `text` at a word boundary, marking the cut with "…": at most `limit` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def attribute(tag: Tag, name: str) -> str:
    """The text of an attribute of `tag` ("" without it): html.parser reads one value for
    href, src, alt, width or height, a list only for the attributes of several (class)."""
    return " ".join(tag.get_attribute_list(name))

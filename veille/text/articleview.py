"""An item's stored article as its page shows it: reading an item must not tell a third party
who reads what. The stored HTML keeps the article's images (`processing.clean_html`); when
shown, unless `[web] remote_images` lets them load, each becomes a link to it that loads
only when followed ("Image : <alt> (sur le site d'origine)"), and a tracking pixel (one
pixel or less, as declared) goes. An image address relative to the article is resolved
against the article's own address, or dropped when it has none (it would name a page of
veille). The page's security policy refuses other hosts' images as well (webui/policy.py).

The page shows the item's title above its article: a heading or paragraph that opens the
article with the same words (an extracted web page often starts with its own title) is
left out, so the title is read once.
"""

from collections.abc import Callable
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

from .html import attribute
from .urls import web_url

# Attributes of a link to an image, as those of the article's own links.
LINK_REL = "noopener noreferrer nofollow"
LINK_CLASS = "remote-image"
OPENINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "header")


def article_html(content_html: str, article_url: str, remote_images: bool,
                 image_label: Callable[[str], str], title: str = "") -> str:
    """`content_html` (sanitised, as stored) to show below `title`; `image_label` names an
    image from its alternative text (maybe empty) in the reader's language."""
    if "<img" not in content_html and not _words(title):
        return content_html
    tree = BeautifulSoup(content_html, "html.parser")
    _drop_repeated_title(tree, title)
    for image in tree.find_all("img"):
        _show(tree, image, web_url(urljoin(article_url, attribute(image, "src").strip())),
              remote_images, image_label)
    return str(tree)


def _show(tree: BeautifulSoup, image: Tag, address: str, remote_images: bool,
          image_label: Callable[[str], str]) -> None:
    alt = " ".join(attribute(image, "alt").split())
    if not address:
        image.replace_with(alt)
    elif _is_pixel(image):
        image.decompose()
    elif remote_images:
        image["src"] = address
    elif image.find_parent("a"):  # already inside a link: its label, not a link in a link
        image.replace_with(image_label(alt))
    else:
        link = tree.new_tag("a", href=address, rel=LINK_REL, attrs={"class": LINK_CLASS})
        link.string = image_label(alt)
        image.replace_with(link)


def _drop_repeated_title(tree: BeautifulSoup, title: str) -> None:
    """Leave out the article's first heading or paragraph if nothing comes before it and it
    says the title (case, spaces and punctuation aside)."""
    first = tree.find(OPENINGS)
    if first is None or _words(first.get_text(" ")) != _words(title):
        return
    before = first.find_all_previous(string=True)
    if any(isinstance(text, NavigableString) and text.strip() for text in before):
        return
    while (parent := first.parent) is not None and parent is not tree and len(
            parent.get_text(strip=True)) == len(first.get_text(strip=True)):
        first = parent  # a header or block holding the title alone goes with it
    first.decompose()


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in text.casefold()).split()


def _is_pixel(image: Tag) -> bool:
    return any(attribute(image, side).strip() in ("0", "1") for side in ("width", "height"))

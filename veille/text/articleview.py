"""An item's stored article as its page shows it: reading an item must not tell a third party
who reads what. The stored HTML keeps the article's images (`processing.clean_html`); when
shown, unless `[web] remote_images` lets them load, each becomes a link to it that loads
only when followed ("Image : <alt> (sur le site d'origine)"), and a tracking pixel (one
pixel or less, as declared) goes. An image address relative to the article is resolved
against the article's own address, or dropped when it has none (it would name a page of
veille). The page's security policy refuses other hosts' images as well (webui/policy.py).
"""

from collections.abc import Callable
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from .urls import web_url

# Attributes of a link to an image, as those of the article's own links.
LINK_REL = "noopener noreferrer nofollow"
LINK_CLASS = "remote-image"


def article_html(content_html: str, article_url: str, remote_images: bool,
                 image_label: Callable[[str], str]) -> str:
    """`content_html` (sanitised, as stored) to show; `image_label` names an image from its
    alternative text (maybe empty) in the reader's language."""
    if "<img" not in content_html:
        return content_html
    tree = BeautifulSoup(content_html, "html.parser")
    for image in tree.find_all("img"):
        _show(tree, image, web_url(urljoin(article_url, image.get("src", "").strip())),
              remote_images, image_label)
    return str(tree)


def _show(tree: BeautifulSoup, image: Tag, address: str, remote_images: bool,
          image_label: Callable[[str], str]) -> None:
    alt = " ".join(image.get("alt", "").split())
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


def _is_pixel(image: Tag) -> bool:
    return any(image.get(side, "").strip() in ("0", "1") for side in ("width", "height"))

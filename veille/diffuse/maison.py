"""The Maison's identity (`[maison]` settings): its name, address, contacts and logo, which
the employers' portal, the emails and the prints carry.

The logo is a file of the instance folder, read only if it stays inside that folder and
its bytes are those of a PNG, JPEG, GIF or WebP image (never SVG, which may hold scripts):
anything else is no logo, with a warning in the log, so a typo never breaks a page.
"""

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)
MAX_LOGO_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
               (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"))


@dataclass(frozen=True)
class Maison:
    name: str
    address: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""

    @property
    def address_lines(self) -> list[str]:
        return [part.strip() for part in self.address.split(",") if part.strip()]

    def contact(self, title: str) -> str:
        """A mailto link to the Maison about `title` ("" without an email)."""
        if not self.email:
            return ""
        subject = quote(f"À propos de : {' '.join(title.split())}", safe="")
        return f"mailto:{quote(self.email, safe='@')}?subject={subject}"

    @property
    def details(self) -> list[str]:
        """Address lines, then phone, email and website: what a letterhead shows."""
        return [*self.address_lines, *(part for part in (self.phone, self.email, self.url)
                                        if part)]


@dataclass(frozen=True)
class Logo:
    content: bytes
    mimetype: str


def of(settings) -> Maison:
    values = settings.maison
    return Maison(values.name.strip(), values.address.strip(), values.email.strip(),
                  values.phone.strip(), values.url.strip())


def logo(settings) -> Logo | None:
    """The logo's bytes and type, or None when none is set or it cannot be used."""
    named = settings.maison.logo.strip()
    if not named:
        return None
    root = Path(settings.instance_dir).resolve()
    path = (root / named).resolve()
    try:
        if not path.is_relative_to(root) or path.stat().st_size > MAX_LOGO_BYTES:
            raise ValueError("outside the instance folder, or over 2 MB")
        content = path.read_bytes()
    except (OSError, ValueError) as exc:
        log.warning("[maison] logo %s not shown: %s", named, exc)
        return None
    kind = _image_type(content)
    if kind is None:
        log.warning("[maison] logo %s not shown: not a PNG, JPEG, GIF or WebP image", named)
        return None
    return Logo(content, kind)


def _image_type(content: bytes) -> str | None:
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in IMAGE_TYPES if content.startswith(magic)), None)

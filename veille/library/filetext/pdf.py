"""Text of a PDF, with pypdf."""

from io import BytesIO

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from .formats import Unreadable


def read_pdf(content: bytes) -> tuple[str, str]:
    """(title, text) of a PDF: its pages' text, a blank line between pages."""
    reader = PdfReader(BytesIO(content))
    if reader.is_encrypted:
        _open_without_password(reader)
    pages = [page.extract_text() or "" for page in reader.pages]
    title = (reader.metadata.title if reader.metadata else None) or ""
    return str(title), "\n\n".join(page.strip() for page in pages if page.strip())


def _open_without_password(reader: PdfReader) -> None:
    """Many PDFs are encrypted only to restrict printing or copying, with an empty password
    for reading: those are read; the others need a password veille does not have."""
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError) as exc:
        raise Unreadable(f"encrypted PDF ({exc})") from None
    if opened == PasswordType.NOT_DECRYPTED:
        raise Unreadable("encrypted PDF: reading it needs a password")

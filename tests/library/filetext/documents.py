"""Real documents of each format, made with the formats' own libraries (and a PDF written
by hand: pypdf reads PDFs, it does not typeset text)."""

import zipfile
from io import BytesIO
from pathlib import Path

import docx
from odf import dc, text
from odf.opendocument import OpenDocumentText
from pypdf import PdfWriter


def pdf(*pages: str, title: str = "") -> bytes:
    """A PDF whose pages show `pages` in Helvetica (WinAnsi: French accents are bytes)."""
    count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * n) for n in range(count)), count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for n, page in enumerate(pages):
        escaped = page.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
        stream = b"BT /F1 12 Tf 72 720 Td (" + escaped.replace(b")", b"\\)") + b") Tj ET"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * n))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    info = len(objects) + 1
    objects.append(b"<< /Title (%s) >>" % title.encode("cp1252"))
    out, offsets = BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, info, xref))
    return out.getvalue()


def encrypted_pdf(content: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=BytesIO(content))
    writer.encrypt(user_password=password, owner_password="propriétaire", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf() -> bytes:
    """A page without any text, as a scan without text recognition is."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_file(*paragraphs: str, title: str = "", table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def odt_file(heading: str, *paragraphs: str, title: str = "") -> bytes:
    document = OpenDocumentText()
    if title:
        document.meta.addElement(dc.Title(text=title))
    document.text.addElement(text.H(outlinelevel=1, text=heading))
    for paragraph in paragraphs:
        document.text.addElement(text.P(text=paragraph))
    out = BytesIO()
    document.write(out)
    return out.getvalue()


def zip_bomb(unzipped: int) -> bytes:
    """A DOCX-looking archive whose document unzips to `unzipped` bytes of zeros."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * 2**20
            for _ in range(unzipped // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def plain_zip() -> bytes:
    """A sound zip archive that is no document."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "Des notes.")
    return out.getvalue()


def with_external_entity(content: bytes, member: str, target: Path) -> bytes:
    """The archive with `member`'s word MARK replaced by an XML entity reading `target`."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(content)) as source, zipfile.ZipFile(out, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                xml = data.decode("utf-8")
                declaration_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
                entity = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{target.as_uri()}">]>'
                xml = xml[:declaration_end] + entity + xml[declaration_end:]
                data = xml.replace("MARK", "&xxe;").encode("utf-8")
            copy.writestr(info, data)
    return out.getvalue()

"""Small but real files for upload tests, built in memory (no fixtures on disk, no mocks)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def pdf_bytes(text="Best practice"):
    """A minimal, valid one-page PDF with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def image_bytes(fmt="PNG", size=(40, 30), color=(0, 51, 153), exif=None):
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **options)
    return out.getvalue()


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            compress = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compress)
    return out.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def docx_bytes():
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document xmlns:w='urn:w'><w:body/></w:document>",
        }
    )


def xlsx_bytes():
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>"})


def pptx_bytes():
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "ppt/presentation.xml": "<p/>"})


def odt_bytes():
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": "<office:document-content xmlns:office='urn:o'/>",
            "META-INF/manifest.xml": "<manifest/>",
        }
    )


def plain_zip_bytes():
    return _zip({"notes.txt": "hello", "report.pdf": "not really"})


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
ELF_BINARY = b"\x7fELF\x02\x01\x01" + b"\x00" * 64


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)

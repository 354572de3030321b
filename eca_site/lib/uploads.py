"""Validate, name and re-encode uploaded files (imports no app).

Types are recognised by their content (magic bytes and, for office files, the structure
inside the zip container), never by the name the user gave the file. Accepted files get a
random storage name under a per-object folder; the original name is kept, sanitised, for
display and for `Content-Disposition` on download. Images are re-encoded with Pillow, which
drops their metadata (EXIF, GPS, comments) and bounds their dimensions.
"""

import io
import os
import re
import secrets
import struct
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# How much of a file's start is read to recognise it.
HEAD_BYTES = 8192
# Images are scaled down to fit this box (pixels) when re-encoded.
MAX_IMAGE_SIDE = 2400
# Logos and event pictures are shown small: re-encoded to fit this box (issue 12, vuln 9).
MAX_PICTURE_SIDE = 1024
# Pillow refuses to decode more than this many pixels (decompression bombs).
MAX_IMAGE_PIXELS = 40_000_000
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Zip containers (OOXML, ODF) are inspected, never unpacked: their directory is read, and at most
# ZIP_ENTRY_READ_BYTES of one entry. Archives that declare an absurd expansion are refused.
ZIP_ENTRY_READ_BYTES = 4096
ZIP_MAX_ENTRIES = 10_000  # office files hold tens to a few thousand
ZIP_MAX_DIRECTORY_BYTES = 1024 * 1024  # zipfile parses it whole: about 14 MB of objects
ZIP_MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # declared uncompressed total
ZIP_MAX_RATIO = 200  # office XML deflates 5-30 times; deflate's ceiling is about 1,030
ZIP_RATIO_FLOOR_BYTES = 1024 * 1024  # small entries may compress well and harm nothing
_ZIP_SUSPICIOUS = _(
    "an archive that would expand to an implausible size; "
    "save the document again and upload the new file"
)
# End of central directory record, zip64 locator and zip64 record (APPNOTE.TXT 4.3.14-16).
_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    mime: str
    extension: str

    @property
    def is_image(self):
        return self.mime.startswith("image/")


PDF = FileType("pdf", _("PDF document"), "application/pdf", ".pdf")
DOCX = FileType(
    "docx",
    _("Word document"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
)
XLSX = FileType(
    "xlsx",
    _("Excel spreadsheet"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsx",
)
PPTX = FileType(
    "pptx",
    _("PowerPoint presentation"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
)
ODT = FileType("odt", _("OpenDocument text"), "application/vnd.oasis.opendocument.text", ".odt")
PNG = FileType("png", _("PNG image"), "image/png", ".png")
JPEG = FileType("jpeg", _("JPEG image"), "image/jpeg", ".jpg")
WEBP = FileType("webp", _("WebP image"), "image/webp", ".webp")

IMAGE_TYPES = (PNG, JPEG, WEBP)
DOCUMENT_TYPES = (PDF, DOCX, XLSX, PPTX, ODT)
ATTACHMENT_TYPES = DOCUMENT_TYPES + IMAGE_TYPES
BY_MIME = {t.mime: t for t in ATTACHMENT_TYPES}

_PILLOW_FORMATS = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}
# The part that must be inside an OOXML zip for each type (besides [Content_Types].xml).
_OOXML_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}


class Rejected(Exception):
    """The content is a known type that we refuse; `reason` says what it is, for the user."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _read_head(fileobj, size=HEAD_BYTES):
    fileobj.seek(0)
    head = fileobj.read(size)
    fileobj.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _zip_directory_extent(fileobj):
    """(entries, bytes) of a zip's central directory, from its end records (zip64 too).

    Read before zipfile parses the directory into memory, which it does whatever its size.
    """
    end = fileobj.seek(0, os.SEEK_END)
    start = max(0, end - _EOCD.size - 0xFFFF)  # the record, then at most a 64 KB comment
    fileobj.seek(start)
    tail = fileobj.read(end - start)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + _EOCD.size > len(tail):
        raise zipfile.BadZipFile("no end of central directory")
    *_, entries, size, _offset, _comment_length = _EOCD.unpack_from(tail, at)
    locator = at - _ZIP64_LOCATOR.size
    if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        record_offset = _ZIP64_LOCATOR.unpack_from(tail, locator)[2]
        fileobj.seek(record_offset)
        record = fileobj.read(_ZIP64_EOCD.size)
        if len(record) < _ZIP64_EOCD.size or record[:4] != b"PK\x06\x06":
            raise zipfile.BadZipFile("no zip64 end of central directory")
        entries, size = _ZIP64_EOCD.unpack(record)[7:9]
    return entries, size


def _check_zip_entries(archive):
    """Refuse an archive whose declared sizes say it would expand absurdly.

    zipfile never returns more than an entry's declared size, so these checks bound what any
    read could produce; `_read_zip_entry` then reads only a few KB whatever is declared.
    """
    entries = archive.infolist()
    if len(entries) > ZIP_MAX_ENTRIES:
        raise Rejected(_ZIP_SUSPICIOUS)
    total = 0
    for entry in entries:
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Rejected(_ZIP_SUSPICIOUS)  # OOXML and ODF use only these two
        if entry.flag_bits & 0x1:
            raise Rejected(_("an encrypted archive; remove the password and upload it again"))
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > ZIP_RATIO_FLOOR_BYTES and ratio > ZIP_MAX_RATIO:
            raise Rejected(_ZIP_SUSPICIOUS)
        total += entry.file_size
        if total > ZIP_MAX_TOTAL_BYTES:
            raise Rejected(_ZIP_SUSPICIOUS)


def _read_zip_entry(archive, name, limit=ZIP_ENTRY_READ_BYTES):
    """The one way archive content is read: at most `limit` bytes of one entry.

    zipfile decompresses deflate in steps bounded by the bytes asked for, so a 1 GiB entry
    costs no more than `limit` here. An entry that fits in `limit` is read to its end, where
    zipfile checks its CRC (a lying header then fails as a damaged file).
    """
    with archive.open(name) as entry:
        return entry.read(limit)


def _sniff_zip(fileobj):
    """Tell OOXML and ODF files from other zip archives by what is inside the container.

    Only the central directory (names and declared sizes) and a few bytes of the `mimetype`
    entry are read; nothing is decompressed beyond ZIP_ENTRY_READ_BYTES.
    """
    try:
        entries, directory_bytes = _zip_directory_extent(fileobj)
        if entries > ZIP_MAX_ENTRIES or directory_bytes > ZIP_MAX_DIRECTORY_BYTES:
            raise Rejected(_ZIP_SUSPICIOUS)
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            _check_zip_entries(archive)
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = _read_zip_entry(archive, "mimetype").decode("ascii", "replace")
                if declared.strip() == ODT.mime and "content.xml" in names:
                    return ODT
                raise Rejected(_("an OpenDocument file of a kind we do not accept"))
            if "[Content_Types].xml" in names:
                for file_type, part in _OOXML_PARTS.items():
                    if part in names:
                        return file_type
                raise Rejected(_("an Office file of a kind we do not accept"))
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError, struct.error):
        raise Rejected(_("a damaged or unreadable zip file")) from None
    finally:
        fileobj.seek(0)
    raise Rejected(_("a zip archive; archives are not accepted, upload the files themselves"))


def _looks_like_markup(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in text[:4096] or (text.startswith(b"<?xml") and b"<svg" in text):
        return _("an SVG image; SVG can carry scripts, upload a PNG, JPEG or WebP image instead")
    for marker in (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<iframe"):
        if marker in text[:4096]:
            return _("an HTML page; web pages are not accepted")
    if text.startswith(b"<?xml"):
        return _("an XML file; XML files are not accepted")
    return None


def detect_type(fileobj):
    """Return the FileType of `fileobj`'s content, or raise Rejected saying what it is."""
    head = _read_head(fileobj)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(fileobj)
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")) or (
        head[:4] in {b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe"}
    ):
        raise Rejected(_("a program or script; executable files are not accepted"))
    archives = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")
    if head.startswith(archives) or head[257:262] == b"ustar" or head.startswith(b"PK"):
        raise Rejected(_("a compressed archive; archives are not accepted, upload the files"))
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise Rejected(_("an old binary Office file; save it as PDF, DOCX, XLSX or PPTX first"))
    markup = _looks_like_markup(head)
    if markup:
        raise Rejected(markup)
    if head.startswith((b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")):
        raise Rejected(_("an image format we do not accept; use PNG, JPEG or WebP"))
    raise Rejected(_("not a file type we recognise"))


def _labels(types):
    return ", ".join(str(t.label) for t in types)


def _max_bytes():
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_upload(fileobj, allowed=ATTACHMENT_TYPES):
    """Validate an uploaded file before it is stored; return its FileType.

    Raises ValidationError with a message meant for the person who uploaded the file.
    """
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, os.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = _max_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    try:
        file_type = detect_type(fileobj)
    except Rejected as rejected:
        raise ValidationError(
            _("This file is %(what)s. Accepted types: %(accepted)s."),
            code="type_rejected",
            params={"what": rejected.reason, "accepted": _labels(allowed)},
        ) from None
    if file_type not in allowed:
        raise ValidationError(
            _(
                "This file is a %(label)s, which is not accepted here. "
                "Accepted types: %(accepted)s."
            ),
            code="type_not_allowed",
            params={"label": file_type.label, "accepted": _labels(allowed)},
        )
    if file_type.is_image:
        _check_image(fileobj)
    return file_type


def _check_image(fileobj):
    fileobj.seek(0)
    too_many_pixels = ValidationError(
        _("The image has too many pixels; it must have at most %(max)s million."),
        code="image_too_large",
        params={"max": MAX_IMAGE_PIXELS // 1_000_000},
    )
    try:
        # Opening decodes nothing: Pillow's warning (from 89 million pixels) is ours to give,
        # with the size; past twice that it refuses to open at all.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(fileobj)
        with image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is %(w)s by %(h)s pixels; it must have at most %(max)s million."),
                    code="image_too_large",
                    params={"w": width, "h": height, "max": MAX_IMAGE_PIXELS // 1_000_000},
                )
            image.verify()
    except Image.DecompressionBombError:
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError(
            _("The image is damaged or unreadable."), code="image_broken"
        ) from None
    finally:
        fileobj.seek(0)


def _is_new_upload(value):
    """True for a file that was just uploaded (not one already in storage)."""
    return value and not getattr(value, "_committed", True)


@deconstructible
class UploadValidator:
    """Model-field validator: `FileField(validators=[UploadValidator("attachment")])`."""

    TYPE_SETS = {"image": IMAGE_TYPES, "document": DOCUMENT_TYPES, "attachment": ATTACHMENT_TYPES}

    def __init__(self, kind="attachment"):
        self.kind = kind

    def __call__(self, value):
        if not _is_new_upload(value):
            return  # stored files were validated when they were uploaded
        check_upload(value.file, self.TYPE_SETS[self.kind])

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and other.kind == self.kind


_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_filename(name, max_length=150):
    """The user's file name, fit for display and Content-Disposition.

    Keeps unicode (NFC) but drops directories (`../../x.pdf` -> `x.pdf`), control and
    reserved characters and leading dots; never empty.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_CHARS.sub("_", name).strip().lstrip(".").strip()
    name = re.sub(r"\s+", " ", name)
    if not name.strip("_ "):
        return "file"
    stem, ext = os.path.splitext(name)
    if len(name) > max_length:
        stem = stem[: max_length - len(ext[:16])]
        name = stem + ext[:16]
    return name


def display_filename(original, file_type):
    """`original` with the extension that matches its content (`report.png` -> `report.pdf`)."""
    stem, ext = os.path.splitext(original)
    if file_type is None:
        return original
    valid = {file_type.extension, ".jpeg"} if file_type is JPEG else {file_type.extension}
    if ext.lower() in valid:
        return original
    return (stem or "file") + file_type.extension


@deconstructible
class RandomUploadTo:
    """`upload_to` giving `<prefix>/<object folder>/<random hex><ext>`.

    The folder comes from `instance.upload_folder()`, so all files of one object sit
    together (and can be removed together); the name says nothing about the user's name.
    """

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        ext = os.path.splitext(filename)[1].lower()
        if not re.fullmatch(r"\.[a-z0-9]{1,5}", ext):
            ext = ""
        return f"{self.prefix}/{instance.upload_folder()}/{secrets.token_hex(16)}{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadTo) and other.prefix == self.prefix


def reencode_image(fileobj, file_type, max_side=MAX_IMAGE_SIDE):
    """Decode and re-encode an image: orientation applied, metadata dropped, size bounded."""
    fileobj.seek(0)
    with Image.open(fileobj) as source:
        image = ImageOps.exif_transpose(source)
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        if file_type is JPEG and image.mode not in {"RGB", "L"}:
            image = image.convert("RGB")
        out = io.BytesIO()
        options = {"quality": 85, "optimize": True} if file_type is JPEG else {}
        if file_type is WEBP:
            options = {"quality": 85}
        image.save(out, format=_PILLOW_FORMATS[file_type], **options)
    return out.getvalue()


@dataclass(frozen=True)
class PreparedUpload:
    original_filename: str
    file_type: FileType
    size: int


def prepare_for_storage(field_file, allowed=ATTACHMENT_TYPES, max_side=MAX_IMAGE_SIDE):
    """Get a just-uploaded FieldFile ready to be saved; None when it is not a new upload.

    Re-checks the content (the admin and forms validate first; this keeps `save()` safe
    on its own), re-encodes images and replaces the user's name with a neutral one whose
    extension matches the content. RandomUploadTo then picks the final random name.
    """
    if not _is_new_upload(field_file):
        return None
    original = safe_filename(field_file.name)
    file_type = check_upload(field_file.file, allowed)
    if file_type.is_image:
        field_file.file = ContentFile(reencode_image(field_file.file, file_type, max_side))
    field_file.name = f"upload{file_type.extension}"
    return PreparedUpload(display_filename(original, file_type), file_type, field_file.size)


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: keeps no byte of a file past UPLOAD_MAX_BYTES.

    The handlers after it (memory, temporary file) stop receiving a file's data once it is
    over the limit, so an oversized upload never fills memory or the temporary folder. The
    form then gets a stand-in with the real size and no content, and `check_upload` refuses
    it with the usual "The file is ...; the limit is ..." message next to the field.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = _max_bytes()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        return raw_data if self.received <= self.limit else None

    def file_complete(self, file_size):
        if self.received <= self.limit:
            return None  # let the next handler return the file it stored
        return UploadedFile(
            io.BytesIO(b""), self.file_name, self.content_type, self.received, self.charset
        )

"""Zip containers (OOXML, ODF) are inspected without being unpacked: a zip bomb costs nothing.

Issue 12, vulnerability 1: a 1 MB upload whose `mimetype` entry held 1 GiB of zeros was read
whole (17.8 s, 2.1 GB of memory). The bombs here are built in each test run, on disk.
"""

import io
import struct
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError

from eca_site.lib import uploads
from tests.news import files

MB = 1024 * 1024


def write_zip(path, big_entry, big_size, others=(), chunk=MB):
    """A zip whose `big_entry` holds `big_size` zero bytes, written in chunks (small memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(big_entry, "w") as entry:
            zeros = bytes(chunk)
            for _ in range(big_size // chunk):
                entry.write(zeros)
        for name, text in others:
            archive.writestr(name, text)
    return path


@pytest.fixture(scope="module")
def odf_bomb(tmp_path_factory):
    """An 'OpenDocument text' whose mimetype entry is 300 MB of zeros (about 300 KB zipped)."""
    path = tmp_path_factory.mktemp("bombs") / "bomb.odt"
    return write_zip(path, "mimetype", 300 * MB, [("content.xml", "<x/>")])


@pytest.fixture(scope="module")
def ooxml_bomb(tmp_path_factory):
    """A 'Word document' with a 300 MB main part."""
    path = tmp_path_factory.mktemp("bombs") / "bomb.docx"
    return write_zip(
        path, "word/document.xml", 300 * MB, [("[Content_Types].xml", files.CONTENT_TYPES)]
    )


def check_measured(path):
    """check_upload on the file at `path`: (the ValidationError, seconds, peak bytes allocated)."""
    with open(path, "rb") as upload:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            with pytest.raises(ValidationError) as raised:
                uploads.check_upload(upload)
        finally:
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    return raised.value, elapsed, peak


def test_a_300_mb_mimetype_bomb_is_refused_in_under_a_second_and_50_mb(odf_bomb):
    assert odf_bomb.stat().st_size < MB
    error, elapsed, peak = check_measured(odf_bomb)
    assert "implausible size" in error.messages[0]
    assert elapsed < 1.0
    assert peak < 50 * MB


def test_a_300_mb_office_part_is_refused_too(ooxml_bomb):
    error, elapsed, peak = check_measured(ooxml_bomb)
    assert "implausible size" in error.messages[0]
    assert elapsed < 1.0
    assert peak < 50 * MB


def test_an_entry_whose_header_understates_its_size_is_never_read_past_the_cap(tmp_path):
    """The directory says `mimetype` is 39 bytes; its data inflates to 300 MB. zipfile stops
    at the declared size, the CRC then fails, and the file is refused as damaged."""
    path = write_zip(tmp_path / "liar.odt", "mimetype", 300 * MB, [("content.xml", "<x/>")])
    data = bytearray(path.read_bytes())
    directory = data.find(b"PK\x01\x02")  # the first directory record: mimetype's
    assert data[directory + 46 : directory + 54] == b"mimetype"
    struct.pack_into("<L", data, directory + 24, 39)  # its uncompressed size
    path.write_bytes(bytes(data))

    error, elapsed, peak = check_measured(path)
    assert "damaged or unreadable" in error.messages[0]
    assert elapsed < 1.0
    assert peak < 50 * MB


def test_an_archive_with_too_many_entries_is_refused(settings):
    data = files._zip({f"part{n}.xml": "" for n in range(uploads.ZIP_MAX_ENTRIES + 1)})
    with pytest.raises(ValidationError, match="implausible size"):
        uploads.check_upload(io.BytesIO(data))


def test_entries_compressed_with_other_methods_than_deflate_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", files.CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ValidationError, match="implausible size"):
        uploads.check_upload(io.BytesIO(out.getvalue()))


def test_a_real_sized_document_with_a_well_compressing_part_is_still_accepted():
    """Ordinary office XML compresses 5-30 times: far from the limits."""
    rows = "".join(f"<row r='{n}'><c r='A{n}'><v>{n * 7}</v></c></row>" for n in range(40_000))
    data = files._zip(
        {
            "[Content_Types].xml": files.CONTENT_TYPES,
            "xl/workbook.xml": f"<workbook>{rows}</workbook>",
        }
    )
    assert uploads.check_upload(io.BytesIO(data)) is uploads.XLSX


def test_a_document_with_zip64_end_records_is_recognised(monkeypatch):
    """Some writers emit zip64 records; the directory extent is read from them too."""
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)  # makes zipfile write zip64 records
    data = files.docx_bytes()
    assert b"PK\x06\x06" in data and b"PK\x06\x07" in data
    monkeypatch.undo()
    assert uploads.check_upload(io.BytesIO(data)) is uploads.DOCX

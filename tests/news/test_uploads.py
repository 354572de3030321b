"""The upload validator (eca_site/lib/uploads.py), by content and through the forms."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from eca_site.lib import uploads
from news.models import BestPractice, BestPracticeAttachment, NewsItem
from tests.news import files
from tests.news.files import upload


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (files.pdf_bytes(), uploads.PDF),
        (files.image_bytes("PNG"), uploads.PNG),
        (files.image_bytes("JPEG"), uploads.JPEG),
        (files.image_bytes("WEBP"), uploads.WEBP),
        (files.docx_bytes(), uploads.DOCX),
        (files.xlsx_bytes(), uploads.XLSX),
        (files.pptx_bytes(), uploads.PPTX),
        (files.odt_bytes(), uploads.ODT),
    ],
)
def test_accepted_types_are_recognised_by_their_content(data, expected):
    assert uploads.check_upload(io.BytesIO(data)) is expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (files.SVG_WITH_SCRIPT, "SVG"),
        (files.HTML_PAGE, "HTML page"),
        (files.WINDOWS_EXE, "executable"),
        (files.ELF_BINARY, "executable"),
        (b"#!/bin/sh\nrm -rf /\n", "executable"),
        (files.plain_zip_bytes(), "zip archive"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "archive"),
        (b"GIF89a" + b"\x00" * 20, "PNG, JPEG or WebP"),
        (b"just some text", "not a file type we recognise"),
    ],
)
def test_refused_types_get_a_clear_message(data, message):
    with pytest.raises(ValidationError) as raised:
        uploads.check_upload(io.BytesIO(data))
    assert message in raised.value.messages[0]
    assert "Accepted types: PDF document" in raised.value.messages[0]


def test_a_zip_with_office_structure_missing_its_main_part_is_refused():
    data = files._zip({"[Content_Types].xml": files.CONTENT_TYPES, "other/x.xml": "<x/>"})
    with pytest.raises(ValidationError, match="Office file of a kind we do not accept"):
        uploads.check_upload(io.BytesIO(data))


def test_an_odf_file_other_than_text_is_refused():
    data = files._zip(
        {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
    )
    with pytest.raises(ValidationError, match="OpenDocument file of a kind"):
        uploads.check_upload(io.BytesIO(data))


def test_empty_and_oversized_files_are_refused_before_sniffing(settings):
    with pytest.raises(ValidationError, match="The file is empty"):
        uploads.check_upload(io.BytesIO(b""))
    settings.UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as raised:
        uploads.check_upload(io.BytesIO(b"%PDF-" + b"0" * 2000))
    assert raised.value.messages == ["The file is 2.0\xa0KB; the limit is 1000\xa0bytes."]


def test_images_only_accept_images():
    with pytest.raises(ValidationError, match="This file is a PDF document, which is not accepted"):
        uploads.check_upload(io.BytesIO(files.pdf_bytes()), uploads.IMAGE_TYPES)


def test_a_truncated_image_is_refused():
    data = files.image_bytes("PNG", size=(200, 200))[:60]
    with pytest.raises(ValidationError, match="damaged or unreadable"):
        uploads.check_upload(io.BytesIO(data), uploads.IMAGE_TYPES)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("/etc/passwd", "passwd"),
        ("Plan stratégique 2026 — Ελληνικά.pdf", "Plan stratégique 2026 — Ελληνικά.pdf"),
        ("..", "file"),
        ("a\x00b<c>.pdf", "a_b_c_.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("", "file"),
    ],
)
def test_safe_filename_drops_directories_and_control_characters_but_keeps_unicode(name, safe):
    assert uploads.safe_filename(name) == safe


def test_safe_filename_normalises_unicode_to_nfc_and_bounds_the_length():
    assert uploads.safe_filename("Cafe\u0301.pdf") == "Caf\u00e9.pdf"
    long_name = "x" * 400 + ".pdf"
    assert len(uploads.safe_filename(long_name)) == 150
    assert uploads.safe_filename(long_name).endswith(".pdf")


def test_display_name_gets_the_extension_of_the_content():
    assert uploads.display_filename("report.png", uploads.PDF) == "report.pdf"
    assert uploads.display_filename("photo.jpeg", uploads.JPEG) == "photo.jpeg"
    assert uploads.display_filename("Plan.PDF", uploads.PDF) == "Plan.PDF"


# ----- stored files ------------------------------------------------------------------------
def test_stored_name_is_random_in_a_per_object_folder_and_the_original_is_kept(db):
    from tests.factories import make_attachment, make_best_practice

    best_practice = make_best_practice()
    attachment = make_attachment(best_practice, name="../../x.pdf")
    folder, _, stored = attachment.file.name.rpartition("/")
    assert folder == f"best-practices/{best_practice.pk}"
    assert stored.endswith(".pdf") and len(stored) == 32 + 4
    assert ".." not in attachment.file.name
    assert attachment.original_filename == "x.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(files.pdf_bytes())
    other = make_attachment(best_practice, name="x.pdf")
    assert other.file.name != attachment.file.name


def test_a_pdf_named_png_is_stored_as_a_pdf(db):
    from tests.factories import make_attachment, make_best_practice

    attachment = make_attachment(make_best_practice(), name="photo.png")
    assert attachment.file.name.endswith(".pdf")
    assert attachment.original_filename == "photo.pdf"
    assert attachment.content_type == "application/pdf"


def test_images_are_re_encoded_without_metadata_and_with_bounded_size(db, settings):
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"  # Make
    exif[0x8825] = {2: (50.0, 51.0, 52.0)}  # GPS info
    data = files.image_bytes("JPEG", size=(5000, 1000), exif=exif.tobytes())
    assert b"Secret Camera Maker" in data
    item = NewsItem.objects.create(title="Photo", summary="s", image=upload("p.jpg", data))
    with item.image.open("rb") as stored:
        stored_data = stored.read()
    assert b"Secret Camera Maker" not in stored_data
    with Image.open(io.BytesIO(stored_data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) == uploads.MAX_IMAGE_SIDE
        assert not image.getexif()
    assert item.image.name.startswith(f"news/{item.storage_key}/")


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_text_chunks_and_webp_exif_are_dropped_too(fmt, db):
    from PIL import PngImagePlugin

    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Maker"
    options = {"exif": exif.tobytes()}
    if fmt == "PNG":
        options["pnginfo"] = PngImagePlugin.PngInfo()
        options["pnginfo"].add_text("Author", "Secret Author Name")
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (0, 51, 153, 128)).save(out, format=fmt, **options)
    assert b"Secret Camera Maker" in out.getvalue()
    item = NewsItem.objects.create(title="Photo", summary="s", image=upload("p", out.getvalue()))
    with item.image.open("rb") as stored:
        stored_data = stored.read()
    assert b"Secret Camera Maker" not in stored_data
    assert b"Secret Author Name" not in stored_data
    assert item.image.name.endswith(".png" if fmt == "PNG" else ".webp")


def test_model_save_refuses_a_disallowed_file_even_outside_a_form(db):
    from tests.factories import make_best_practice

    with pytest.raises(ValidationError, match="SVG"):
        BestPracticeAttachment.objects.create(
            best_practice=make_best_practice(), file=upload("x.svg", files.SVG_WITH_SCRIPT)
        )
    assert BestPracticeAttachment.objects.count() == 0


# ----- through the manager's form ----------------------------------------------------------
def _form_data(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "title": "Shared cluster services",
        "summary": "Five clusters share one back office.",
        "body": "<p>How we did it.</p>",
        "challenge": "",
        "approach": "",
        "results": "",
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "10",
        "next": "draft",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("drawing.svg", files.SVG_WITH_SCRIPT, "drawing.svg: This file is an SVG image"),
        ("page.html", files.HTML_PAGE, "page.html: This file is an HTML page"),
        ("tool.exe", files.WINDOWS_EXE, "executable files are not accepted"),
        ("bundle.zip", files.plain_zip_bytes(), "archives are not accepted"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_refused_upload_shows_the_message_in_the_form_and_keeps_the_other_input(
    name, data, message, manager_client, organisation
):
    url = reverse("news:best_practice_create")
    response = manager_client.post(
        url, _form_data(organisation, **{"attachments-0-file": upload(name, data)})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Shared cluster services"' in html
    assert "Five clusters share one back office." in html
    assert BestPractice.objects.count() == 0
    assert BestPracticeAttachment.objects.count() == 0


def test_a_file_over_the_limit_is_refused_in_the_form(manager_client, organisation, settings):
    settings.UPLOAD_MAX_BYTES = 500
    response = manager_client.post(
        reverse("news:best_practice_create"),
        _form_data(organisation, **{"attachments-0-file": upload("big.pdf", files.pdf_bytes())}),
    )
    assert "the limit is 500" in response.content.decode()
    assert 'value="Shared cluster services"' in response.content.decode()
    assert BestPractice.objects.count() == 0


def test_path_traversal_and_unicode_names_are_stored_safely_through_the_form(
    manager_client, organisation, settings
):
    response = manager_client.post(
        reverse("news:best_practice_create"),
        _form_data(
            organisation,
            **{
                "attachments-0-file": upload("../../x.pdf", files.pdf_bytes()),
                "attachments-1-file": upload("Étude Ελληνικά 数据.docx", files.docx_bytes()),
                "attachments-2-file": upload("report.png", files.pdf_bytes()),
            },
        ),
    )
    assert response.status_code == 302
    attachments = BestPracticeAttachment.objects.order_by("pk")
    assert [a.original_filename for a in attachments] == [
        "x.pdf",
        "Étude Ελληνικά 数据.docx",
        "report.pdf",
    ]
    media = settings.MEDIA_ROOT
    for attachment in attachments:
        path = (media / attachment.file.name).resolve()
        assert path.is_relative_to(media.resolve() / "best-practices")
        assert path.exists()
    assert not (media.parent / "x.pdf").exists()


def test_deleting_an_attachment_removes_its_stored_file(
    db, settings, django_capture_on_commit_callbacks
):
    from tests.factories import make_attachment, make_best_practice

    attachment = make_attachment(make_best_practice())
    path = settings.MEDIA_ROOT / attachment.file.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()
    assert not path.exists()


def test_an_oversized_upload_is_cut_off_while_the_request_is_read(
    manager_client, organisation, settings
):
    """SizeLimitUploadHandler: the view gets the real size but none of the bytes."""
    settings.UPLOAD_MAX_BYTES = 1000
    big = files.pdf_bytes() + b"%" + b"x" * 5000
    response = manager_client.post(
        reverse("news:best_practice_create"),
        _form_data(organisation, **{"attachments-0-file": upload("big.pdf", big)}),
    )
    html = response.content.decode()
    assert f"big.pdf: The file is {len(big) / 1024:.1f}\xa0KB; the limit is 1000\xa0bytes." in html
    assert 'value="Shared cluster services"' in html
    assert BestPractice.objects.count() == 0


def test_an_upload_at_the_limit_is_accepted(manager_client, organisation, settings):
    data = files.pdf_bytes()
    settings.UPLOAD_MAX_BYTES = len(data)
    response = manager_client.post(
        reverse("news:best_practice_create"),
        _form_data(organisation, **{"attachments-0-file": upload("fits.pdf", data)}),
    )
    assert response.status_code == 302
    assert BestPracticeAttachment.objects.get().size == len(data)


def test_replacing_a_news_image_removes_the_old_file(
    db, settings, django_capture_on_commit_callbacks
):
    item = NewsItem.objects.create(
        title="Photo", summary="s", image=upload("a.png", files.image_bytes("PNG"))
    )
    old_path = settings.MEDIA_ROOT / item.image.name
    item.title = "Only the title changes"
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    assert old_path.exists()
    item.image = upload("b.png", files.image_bytes("PNG", color=(255, 204, 0)))
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    assert not old_path.exists()
    assert (settings.MEDIA_ROOT / item.image.name).exists()

"""Issue 12, vulnerability 9 and bug 8: logos and event pictures go through the upload policy
of documents: content check, size and pixel limits, re-encoding to at most 1024 pixels without
EXIF/GPS, and a random stored name."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from events.models import Event
from tests.accounts.self_service_helpers import about_data
from tests.conftest import logged_in
from tests.factories import make_draft, make_event, make_user

pytestmark = pytest.mark.django_db


def photo_with_gps(size=(3000, 2000)):
    """A JPEG with EXIF: camera model and GPS position."""
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera"  # Model
    exif[0x8825] = {1: "N", 2: (50.0, 51.0, 0.0), 3: "E", 4: (4.0, 21.0, 0.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=70)
    return buffer.getvalue()


def test_photo_logo_is_re_encoded_small_without_exif_under_a_random_name():
    raw = photo_with_gps()
    assert b"Secret Camera" in raw
    manager = make_user()
    draft = make_draft(manager, name="Pictured Cluster")
    upload = SimpleUploadedFile("holiday-in-brussels.jpg", raw, content_type="image/jpeg")
    response = logged_in(manager).post(
        reverse("my:organisation_step", args=[draft.slug, "about"]), about_data(logo=upload)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.logo.name.startswith(f"logos/{draft.slug}/")
    assert "holiday" not in draft.logo.name
    stored = draft.logo.read()
    assert b"Secret Camera" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (1024, 683)
        assert not image.getexif()


def test_a_12000_pixel_square_logo_is_refused_quickly_as_a_form_error():
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 megapixels in a few KB
    manager = make_user()
    draft = make_draft(manager)
    upload = SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")
    started = time.monotonic()
    response = logged_in(manager).post(
        reverse("my:organisation_step", args=[draft.slug, "about"]),
        about_data(logo=upload, about="<p>Kept</p>"),
    )
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert "The image is 12000 by 12000 pixels; it must have at most 40 million." in (
        response.content.decode()
    )
    assert "Kept" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.logo


def test_an_image_past_pillows_own_limit_is_refused_without_decoding():
    buffer = io.BytesIO()
    Image.new("1", (20000, 10000)).save(buffer, "PNG")  # 200 megapixels
    manager = make_user()
    draft = make_draft(manager)
    upload = SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")
    response = logged_in(manager).post(
        reverse("my:organisation_step", args=[draft.slug, "about"]), about_data(logo=upload)
    )
    assert "The image has too many pixels; it must have at most 40 million." in (
        response.content.decode()
    )


def test_a_logo_that_is_html_with_an_image_name_is_refused():
    manager = make_user()
    draft = make_draft(manager)
    upload = SimpleUploadedFile("logo.png", b"<html><script>x()</script></html>")
    response = logged_in(manager).post(
        reverse("my:organisation_step", args=[draft.slug, "about"]), about_data(logo=upload)
    )
    assert response.status_code == 200
    assert "Accepted types" in response.content.decode()


def test_event_pictures_are_re_encoded_with_a_random_name_too():
    event = make_event(title="Pictured")
    event.image = SimpleUploadedFile("speaker-home-address.jpg", photo_with_gps((2048, 2048)))
    event.save()
    event = Event.objects.get(pk=event.pk)
    assert event.image.name.startswith(f"events/{event.slug}/")
    assert "speaker" not in event.image.name
    with Image.open(event.image) as image:
        assert image.size == (1024, 1024)
        assert not image.getexif()

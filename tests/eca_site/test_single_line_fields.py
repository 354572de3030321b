"""Issue 12, bug 1: a name typed with CR/LF (or any control character) is saved on one line, so
the e-mails, CSV rows and calendar lines built from it never break; one mechanism
(`eca_site.lib.forms.SingleLineFormMixin`) used by every form of the site."""

import contextlib
import importlib

import pytest
from django import forms
from django.apps import apps
from django.core import mail
from django.urls import reverse

from accounts.forms import IdentityForm
from directory.models import Organisation
from eca_site.lib.forms import SingleLineFormMixin, strip_control_characters
from tests.accounts.self_service_helpers import identity_data
from tests.factories import (
    make_contact,
    make_draft,
    make_organisation,
    make_user,
    make_valid_profile,
)

OUR_APPS = ("accounts", "directory", "events", "news", "eca_site")


def _our_form_classes():
    for app in OUR_APPS:
        for module in ("forms", "admin", "views"):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{app}.{module}")
    seen, stack = set(), [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    return sorted(
        (cls for cls in seen if cls.__module__.split(".")[0] in OUR_APPS),
        key=lambda cls: cls.__qualname__,
    )


def test_every_form_of_the_site_strips_control_characters_from_single_line_fields():
    classes = _our_form_classes()
    assert len(classes) >= 10
    missing = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in classes
        if not issubclass(cls, SingleLineFormMixin)
        and cls.__module__ != "eca_site.lib.honeypot"
        and any(isinstance(f, forms.CharField) for f in cls.base_fields.values())
    ]
    # ModelForms declare their fields in Meta: check the generated ones as well.
    missing += [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in classes
        if issubclass(cls, forms.ModelForm)
        and cls._meta.model is not None
        and not issubclass(cls, SingleLineFormMixin)
    ]
    assert missing == []


def test_formsets_of_the_site_use_single_line_forms():
    from accounts.forms import ContactFormSet, SocialLinkFormSet
    from news.forms import AttachmentFormSet

    for formset in (ContactFormSet, SocialLinkFormSet, AttachmentFormSet):
        assert issubclass(formset.form, SingleLineFormMixin), formset


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Baltic\r\nBcc: evil@example.org", "Baltic Bcc: evil@example.org"),
        ("Tab\there", "Tab here"),
        ("NUL\x00byte", "NUL byte"),
        ("line\u2028separator\x85next", "line separator next"),
        ("  trimmed\n", "trimmed"),
    ],
)
def test_strip_control_characters(raw, clean):
    assert strip_control_characters(raw) == clean


def test_multi_line_fields_keep_their_line_breaks(db):
    organisation = make_organisation()
    form = IdentityForm(identity_data(name="One\r\nTwo"), instance=organisation)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "One Two"
    from accounts.forms import AboutForm

    about = AboutForm({"about": "<p>a</p>\r\n<p>b</p>", "membership_info": ""})
    about.is_valid()
    assert "\n" in about.cleaned_data["about"]


def test_name_with_crlf_is_saved_on_one_line_and_submitting_it_mails_staff(
    staff_user, django_user_model, db
):
    from tests.conftest import logged_in

    manager = make_user()
    draft = make_draft(
        manager=manager, name="Baltic Robotics Cluster", country="LV", **make_valid_profile()
    )
    make_contact(draft)
    browser = logged_in(manager)
    response = browser.post(
        reverse("my:organisation_step", args=[draft.slug, "identity"]),
        identity_data(draft, name="Baltic\r\nBcc: evil@example.org\r\nCluster", city="Ri\nga"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.name == "Baltic Bcc: evil@example.org Cluster"
    assert draft.city == "Ri ga"

    mail.outbox.clear()
    response = browser.post(reverse("my:organisation_submit", args=[draft.slug]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Organisation.Status.NEEDS_REVIEW
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    assert "\n" not in mail.outbox[0].subject


def test_signup_name_and_new_profile_name_lose_control_characters(anon, db):
    anon.post(
        reverse("accounts:signup"),
        {
            "name": "Ann\r\nBcc: x@example.org",
            "email": "ann@example.org",
            "password1": "A-long-pass-phrase-1",
            "password2": "A-long-pass-phrase-1",
            "accept_terms": "on",
            "accept_privacy": "on",
        },
    )
    user = django_user = apps.get_model("auth", "User").objects.get(email="ann@example.org")
    assert django_user.first_name == "Ann Bcc: x@example.org"

    from tests.conftest import logged_in

    make_user(email="b@example.org")
    browser = logged_in(apps.get_model("auth", "User").objects.get(email="b@example.org"))
    browser.post(
        reverse("my:organisation_new"),
        {"kind": "cluster", "name": "New\r\nCluster", "country": "LV", "website": ""},
    )
    assert Organisation.objects.filter(name="New Cluster").exists()
    assert user.pk


def test_every_admin_form_and_inline_form_strips_control_characters(rf, staff_user):
    from django.contrib import admin

    request = rf.get("/admin/")
    request.user = staff_user
    missing = []
    for model, model_admin in admin.site._registry.items():
        if not issubclass(model_admin.form, SingleLineFormMixin):
            missing.append(model.__name__)
        for inline in model_admin.get_inline_instances(request):
            if not issubclass(inline.form, SingleLineFormMixin):
                missing.append(f"{model.__name__}:{type(inline).__name__}")
    assert missing == []


def test_staff_typing_a_line_break_in_the_admin_saves_one_line(staff_client):
    from directory.models import Language

    response = staff_client.post(
        reverse("admin:directory_language_add"),
        {"code": "xx", "name": "Ex\r\nample", "is_eu_official": ""},
    )
    assert response.status_code == 302
    assert Language.objects.get(code="xx").name == "Ex ample"


def test_every_e_mail_leaves_through_the_one_after_commit_sender():
    """Issue 12, bug 1: one e-mail was sent inside a row lock, before the change committed.
    Only eca_site/lib/mail.py hands mail to the backend (on commit)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    senders = [
        str(path.relative_to(root))
        for app in OUR_APPS
        for path in (root / app).rglob("*.py")
        if re.search(
            r"^\s*(from django\.core\.mail import|from django\.core import mail)",
            path.read_text(),
            re.M,
        )
    ]
    assert senders == ["eca_site/lib/mail.py"]


def test_the_password_reset_mail_waits_for_the_commit(db, django_capture_on_commit_callbacks):
    from accounts.forms import PasswordResetForm

    make_user(email="reset@example.org")
    mail.outbox.clear()
    form = PasswordResetForm({"email": "reset@example.org"})
    assert form.is_valid()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        form.save(
            domain_override="testserver",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
        )
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["reset@example.org"]]

"""The admin's "Import profiles" page: upload a CSV or XLSX file, see the dry run, confirm.

The uploaded file is kept in a private temporary folder between the dry run and the
confirmation, under a random token remembered in the staff member's session (never under
MEDIA_ROOT, which may be served). The import itself is `directory.imports.import_profiles`.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from eca_site.lib.uploads import SizeLimitUploadHandler

from . import imports

SESSION_KEY = "directory_import"
STORE = Path(tempfile.gettempdir()) / "eca-directory-imports"
KEEP_SECONDS = 24 * 3600


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "The columns of the directory's CSV export (“Export” on /directory/), "
            "at most %(megabytes)s MB and %(rows)s rows "
            "(manage.py import_profiles takes up to %(max_rows)s). "
            "Nothing is written before you confirm."
        ) % {
            "megabytes": imports.MAX_BYTES // 1024 // 1024,
            "rows": imports.ADMIN_MAX_ROWS,
            "max_rows": imports.MAX_ROWS,
        }


class ImportSizeLimitUploadHandler(SizeLimitUploadHandler):
    """The site's upload limit, raised to the import's (the import reports the size)."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.limit = imports.MAX_BYTES


def _stored(request, token):
    """The path of the file the dry run read, if `token` is this session's."""
    kept = request.session.get(SESSION_KEY) or {}
    if not token or kept.get("token") != token:
        return None, ""
    path = STORE / token
    return (path if path.is_file() else None), kept.get("name", "")


def _keep(request, upload):
    _forget(request)
    STORE.mkdir(mode=0o700, exist_ok=True)
    for old in STORE.iterdir():  # dry runs never confirmed
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    with (STORE / token).open("wb") as f:
        for chunk in upload.chunks():
            f.write(chunk)
    request.session[SESSION_KEY] = {"token": token, "name": upload.name}
    return token


def _forget(request):
    kept = request.session.pop(SESSION_KEY, None) or {}
    if kept.get("token"):
        (STORE / Path(kept["token"]).name).unlink(missing_ok=True)


def import_view(model_admin):
    """The view for `OrganisationAdmin.get_urls()` (wrapped by `admin_site.admin_view`)."""

    @csrf_exempt  # the upload handlers must be set before the CSRF check reads the body
    def view(request):
        request.upload_handlers = [
            ImportSizeLimitUploadHandler(request),
            TemporaryFileUploadHandler(request),
        ]
        return csrf_protect(_import)(request, model_admin)

    return view


def _import(request, model_admin):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied
    opts = model_admin.model._meta
    form, report, token = ImportForm(), None, None
    if request.method == "POST" and "token" in request.POST:
        path, name = _stored(request, request.POST["token"])
        if path is None:
            messages.error(request, gettext("That upload has expired: choose the file again."))
            return HttpResponseRedirect(request.path)
        with path.open("rb") as f:
            report = imports.import_profiles(
                f, name, by=request.user, dry_run=False, max_rows=imports.ADMIN_MAX_ROWS
            )
        if report.ok:
            _forget(request)
            messages.success(
                request,
                gettext("Import of %(name)s: %(summary)s")
                % {"name": name, "summary": report.summary()},
            )
            return HttpResponseRedirect(reverse("admin:directory_organisation_changelist"))
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = imports.import_profiles(
                upload, upload.name, by=request.user, max_rows=imports.ADMIN_MAX_ROWS
            )
            if report.ok and (report.created or report.updated):
                token = _keep(request, upload)
    ctx = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": gettext("Import profiles"),
        "form": form,
        "report": report,
        "token": token,
        "columns": imports.COLUMNS,
        "read_only_columns": imports.READ_ONLY_COLUMNS,
    }
    return TemplateResponse(request, "admin/directory/organisation/import.html", ctx)

"""The admin's "Data quality" page and its CSV (`directory.quality` finds the problems)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from eca_site.lib.csv_export import csv_response

from .quality import Problem, findings

SHOWN = 500  # rows on the page; the CSV has them all
CSV_COLUMNS = ["slug", "name", "status", "completeness", "updated", "problems", "admin_url"]


def quality_view(model_admin):
    """The view for `OrganisationAdmin.get_urls()` (wrapped by `admin_site.admin_view`)."""

    def view(request):
        if not model_admin.has_view_permission(request):
            raise PermissionDenied
        problem = request.GET.get("problem", "")
        if problem not in Problem.LABELS:
            problem = ""  # an unknown value shows every problem, never an error
        rows = findings()
        counts = dict.fromkeys(Problem.LABELS, 0)
        for finding in rows:
            for key in finding.problems:
                counts[key] += 1
        if problem:
            rows = [f for f in rows if problem in f.problems]
        if request.GET.get("format") == "csv":
            return _csv(request, rows)
        ctx = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": gettext("Data quality"),
            "problem": problem,
            "filters": [(key, label, counts[key]) for key, label in Problem.LABELS.items()],
            "rows": rows[:SHOWN],
            "total": len(rows),
            "shown": SHOWN,
        }
        return TemplateResponse(request, "admin/directory/organisation/quality.html", ctx)

    return view


def _csv(request, rows):
    # In the staff member's language, resolved now: the lines are written while streaming.
    labels = {key: str(label) for key, label in Problem.LABELS.items()}

    def lines():
        for finding in rows:
            organisation = finding.organisation
            problems = "; ".join(
                f"{labels[key]} ({detail})" if detail else labels[key]
                for key, detail in finding.problems.items()
            )
            url = reverse("admin:directory_organisation_change", args=[organisation.pk])
            yield [
                organisation.slug,
                organisation.name,
                organisation.status,
                organisation.completeness,
                organisation.updated.date().isoformat(),
                problems,
                request.build_absolute_uri(url),
            ]

    return csv_response(CSV_COLUMNS, lines(), "data-quality.csv")

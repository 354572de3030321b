from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from directory.models import Organisation
from eca_site.lib.ratelimit import ratelimit

from . import services
from .filters import BestPracticeFilter, DocumentFilter, NewsFilter
from .forms import AttachmentFormSet, BestPracticeForm
from .models import BestPractice, BestPracticeAttachment, Document, NewsItem

PAGE_SIZE = 20


# ----- visibility helpers (404 unless the user may see the object) -------------------------
def get_visible_news_item(request, slug):
    queryset = NewsItem.objects.visible_to(request.user).select_related("organisation")
    documents = Prefetch("documents", queryset=Document.objects.published().for_list())
    return get_object_or_404(queryset.prefetch_related(documents, "terms", "tags"), slug=slug)


def get_visible_best_practice(request, queryset=None, **lookup):
    queryset = queryset if queryset is not None else BestPractice.objects.all()
    return get_object_or_404(queryset.visible_to(request.user), **lookup)


def get_editable_best_practice(request, pk):
    """404 when the user can't see it; 403 when they can see it but not edit it."""
    best_practice = get_visible_best_practice(
        request, BestPractice.objects.select_related("organisation"), pk=pk
    )
    if not BestPractice.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied(gettext("Only the submitter can edit a draft or a sent-back item."))
    return best_practice


def _paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _download(stored):
    """Stream a stored file through the storage API, under its original name."""
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_filename or "download",
        content_type=stored.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# ----- news --------------------------------------------------------------------------------
def news_list(request):
    news_filter = NewsFilter(request.GET, queryset=NewsItem.objects.published().for_list())
    page_obj = _paginate(request, news_filter.qs)
    ctx = {"filter": news_filter, "page_obj": page_obj, "items": page_obj.object_list}
    return render(request, "news/list.html", ctx)


def news_article_json_ld(request, item):
    """schema.org NewsArticle for search engines."""
    publisher = {"@type": "Organization", "name": "European Clusters Alliance"}
    author = (
        {
            "@type": "Organization",
            "name": item.organisation.name,
            "url": request.build_absolute_uri(item.organisation.get_absolute_url()),
        }
        if item.organisation
        else publisher
    )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "description": item.summary,
        "datePublished": item.published_at.isoformat(),
        "dateModified": item.updated.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(item.get_absolute_url()),
        "author": author,
        "publisher": publisher,
    }
    if item.image:
        data["image"] = [request.build_absolute_uri(item.image.url)]
    return data


def news_detail(request, slug):
    item = get_visible_news_item(request, slug)
    ctx = {
        "item": item,
        "documents": item.documents.all(),
        "json_ld": news_article_json_ld(request, item),
    }
    return render(request, "news/detail.html", ctx)


# ----- documents ---------------------------------------------------------------------------
def document_list(request):
    document_filter = DocumentFilter(request.GET, queryset=Document.objects.published().for_list())
    page_obj = _paginate(request, document_filter.qs)
    ctx = {"filter": document_filter, "page_obj": page_obj, "documents": page_obj.object_list}
    return render(request, "news/documents.html", ctx)


def document_download(request, pk):
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=pk)
    return _download(document)


# ----- best practices ----------------------------------------------------------------------
def best_practice_list(request):
    best_practice_filter = BestPracticeFilter(
        request.GET, queryset=BestPractice.objects.published().for_list()
    )
    page_obj = _paginate(request, best_practice_filter.qs)
    ctx = {
        "filter": best_practice_filter,
        "page_obj": page_obj,
        "best_practices": page_obj.object_list,
    }
    return render(request, "news/best_practices.html", ctx)


def best_practice_detail(request, slug):
    queryset = BestPractice.objects.select_related("organisation").prefetch_related(
        "attachments", "terms__parent"
    )
    best_practice = get_visible_best_practice(request, queryset, slug=slug)
    ctx = {"best_practice": best_practice, "attachments": best_practice.attachments.all()}
    return render(request, "news/best_practice_detail.html", ctx)


def attachment_download(request, pk):
    attachment = get_object_or_404(BestPracticeAttachment, pk=pk)
    # The attachment is as visible as the best practice it belongs to.
    get_visible_best_practice(request, pk=attachment.best_practice_id)
    return _download(attachment)


# ----- a manager's best practices (listed on /my/ by news.plugins) -------------------------
def _saved(request, best_practice):
    if request.POST.get("next") == "preview":
        return redirect("news:best_practice_preview", pk=best_practice.pk)
    messages.success(
        request,
        gettext("“%(title)s” is saved as a draft.") % {"title": best_practice.title},
    )
    return redirect("my:dashboard")


def _form_context():
    return {"upload_limit": settings.UPLOAD_MAX_BYTES}


@login_required
@ratelimit("30/h")
def best_practice_create(request):
    organisations = Organisation.objects.editable_by(request.user).order_by("name")
    if not organisations.exists():
        raise PermissionDenied(
            gettext("Only managers of an organisation can submit best practices.")
        )
    instance = BestPractice()
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = BestPracticeForm(data, instance=instance, organisations=organisations)
    formset = AttachmentFormSet(data, files, instance=instance)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        return _saved(request, services.save_draft(instance, form, formset, request.user))
    ctx = {"form": form, "formset": formset, "best_practice": None, **_form_context()}
    return render(request, "news/best_practice_form.html", ctx)


@login_required
@ratelimit("60/h")
def best_practice_edit(request, pk):
    best_practice = get_editable_best_practice(request, pk)
    organisations = Organisation.objects.editable_by(request.user).order_by("name")
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = BestPracticeForm(data, instance=best_practice, organisations=organisations)
    formset = AttachmentFormSet(data, files, instance=best_practice)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        return _saved(request, services.save_draft(best_practice, form, formset, request.user))
    ctx = {"form": form, "formset": formset, "best_practice": best_practice, **_form_context()}
    return render(request, "news/best_practice_form.html", ctx)


@login_required
def best_practice_preview(request, pk):
    queryset = BestPractice.objects.select_related("organisation", "submitted_by")
    best_practice = get_visible_best_practice(
        request, queryset.prefetch_related("attachments", "terms__parent"), pk=pk
    )
    ctx = {
        "best_practice": best_practice,
        "attachments": best_practice.attachments.all(),
        "history": best_practice.status_history(),
        "can_edit": BestPractice.objects.editable_by(request.user).filter(pk=pk).exists(),
    }
    return render(request, "news/best_practice_preview.html", ctx)


@login_required
@require_POST
@ratelimit("30/h")
def best_practice_submit(request, pk):
    best_practice = get_editable_best_practice(request, pk)
    try:
        services.submit(best_practice, request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
        return redirect("news:best_practice_preview", pk=pk)
    messages.success(
        request,
        gettext("“%(title)s” is submitted: staff will review it and e-mail you.")
        % {"title": best_practice.title},
    )
    return redirect("my:dashboard")

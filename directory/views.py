from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import Organisation, Vocabulary

PAGE_SIZE = 24


def get_visible_organisation(request, slug, queryset=None):
    """The organisation at `slug`; 404 when unpublished unless the user is staff."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    return get_object_or_404(queryset.visible_to(request.user), slug=slug)


def organisation_list(request):
    organisations = Organisation.objects.published().for_cards().order_by("name")
    page_obj = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {"page_obj": page_obj, "organisations": page_obj.object_list}
    return render(request, "directory/list.html", ctx)


def profile(request, slug):
    organisation = get_visible_organisation(request, slug, Organisation.objects.for_profile_page())
    ctx = {
        "organisation": organisation,
        "services": organisation.terms_by_vocabulary()[Vocabulary.SERVICE],
        "sectoral_focus": organisation.sectoral_focus(),
    }
    return render(request, "directory/profile.html", ctx)

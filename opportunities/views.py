"""Public lists, detail pages and feeds of opportunities and calls; a manager's opportunity
pages under /my/opportunities/; answering, replying and following (the /my/ panel itself is
in plugins.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from directory.models import Organisation
from eca_site.lib.ratelimit import ratelimit

from . import matching, services
from .feeds import deadlines_response
from .filters import CallFilter, OpportunityFilter
from .forms import InterestForm, OpportunityForm, ReplyForm
from .models import (
    Call,
    Follow,
    Interest,
    Opportunity,
    keep_cached_until,
    next_call_change,
    next_midnight,
)

PAGE_SIZE = 20
ICS_SIZE = 200


# ----- visibility helpers (404 unless the user may see the object) -------------------------
def get_visible_opportunity(request, queryset=None, **lookup):
    queryset = queryset if queryset is not None else Opportunity.objects.all()
    return get_object_or_404(queryset.visible_to(request.user), **lookup)


def get_editable_opportunity(request, pk):
    """404 when the user can't see it; 403 when they can see it but not edit it."""
    opportunity = get_visible_opportunity(
        request, Opportunity.objects.select_related("organisation", "kind"), pk=pk
    )
    if not Opportunity.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied(
            gettext("Only its organisation's managers can change this opportunity.")
        )
    return opportunity


def get_visible_call(request, slug):
    queryset = Call.objects.visible_to(request.user).select_related("programme")
    return get_object_or_404(queryset.prefetch_related("topics__parent"), slug=slug)


def _filtered_url(request, name):
    """`name`'s URL with the current filters (not the page): a feed of what the list shows."""
    query = request.GET.copy()
    query.pop("page", None)
    return reverse(name) + (f"?{query.urlencode()}" if query else "")


def _paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# ----- open calls --------------------------------------------------------------------------
def call_list(request):
    keep_cached_until(request, next_call_change)
    call_filter = CallFilter(request.GET, queryset=Call.objects.published().current().for_list())
    page_obj = _paginate(request, call_filter.qs)
    ctx = {
        "filter": call_filter,
        "page_obj": page_obj,
        "calls": page_obj.object_list,
        "ics_url": _filtered_url(request, "opportunities:call_deadlines_ics"),
    }
    return render(request, "opportunities/calls.html", ctx)


def call_archive(request):
    keep_cached_until(request, next_call_change)
    call_filter = CallFilter(request.GET, queryset=Call.objects.published().closed().for_list())
    del call_filter.filters["status"]  # every call of the archive is closed
    page_obj = _paginate(request, call_filter.qs)
    ctx = {"filter": call_filter, "page_obj": page_obj, "calls": page_obj.object_list}
    return render(request, "opportunities/call_archive.html", ctx)


def call_detail(request, slug):
    call = get_visible_call(request, slug)
    keep_cached_until(request, min(filter(None, [call.next_change(), next_midnight()])))
    ctx = {
        "call": call,
        "opportunities": Opportunity.objects.live().for_list().filter(call=call),
    }
    return render(request, "opportunities/call_detail.html", ctx)


def call_deadlines_ics(request):
    """Deadlines of the calls of /calls/ (with its filters) as iCalendar."""
    call_filter = CallFilter(request.GET, queryset=Call.objects.published().current().for_list())
    return deadlines_response(
        request, gettext("Open calls: deadlines"), calls=call_filter.qs[:ICS_SIZE]
    )


# ----- opportunities -----------------------------------------------------------------------
def opportunity_list(request):
    keep_cached_until(request, next_midnight())
    opportunity_filter = OpportunityFilter(
        request.GET, queryset=Opportunity.objects.live().for_list()
    )
    page_obj = _paginate(request, opportunity_filter.qs)
    ctx = {
        "filter": opportunity_filter,
        "page_obj": page_obj,
        "opportunities": page_obj.object_list,
        "ics_url": _filtered_url(request, "opportunities:deadlines_ics"),
    }
    return render(request, "opportunities/list.html", ctx)


def opportunity_deadlines_ics(request):
    """Answer-by days of the opportunities of /opportunities/ (with its filters)."""
    opportunity_filter = OpportunityFilter(
        request.GET, queryset=Opportunity.objects.live().for_list().filter(deadline__isnull=False)
    )
    return deadlines_response(
        request,
        gettext("Cooperation opportunities: deadlines"),
        opportunities=opportunity_filter.qs[:ICS_SIZE],
    )


def opportunity_json_ld(request, opportunity):
    """schema.org Demand (something sought) or Offer, by the organisation."""
    organisation = {
        "@type": "Organization",
        "name": opportunity.organisation.name,
        "url": request.build_absolute_uri(opportunity.organisation.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": opportunity.kind.schema_type
        if opportunity.kind.schema_type in {"Demand", "Offer"}
        else "Demand",
        "name": opportunity.title,
        "description": opportunity.summary,
        "url": request.build_absolute_uri(opportunity.get_absolute_url()),
        "category": opportunity.kind.name,
        "validThrough": opportunity.expires_on.isoformat(),
    }
    data["seller" if data["@type"] == "Offer" else "buyer"] = organisation
    if opportunity.published_at:
        data["validFrom"] = opportunity.published_at.isoformat()
    if opportunity.sought_countries:
        data["eligibleRegion"] = [
            {"@type": "Country", "name": country.name} for country in opportunity.sought_countries
        ]
    return data


def _interest_context(request, opportunity):
    """What the answering box needs: the user's organisations that may answer, and why not."""
    if not opportunity.is_live:
        return {"interest_state": "closed"}
    if not request.user.is_authenticated:
        return {"interest_state": "anonymous"}
    managed = Organisation.objects.editable_by(request.user)
    if managed.filter(pk=opportunity.organisation_id).exists():
        return {"interest_state": "own"}
    answered = Interest.objects.filter(opportunity=opportunity).values("organisation")
    eligible = managed.published().exclude(pk__in=answered).only("name", "slug").order_by("name")
    sent = list(
        Interest.objects.filter(opportunity=opportunity, organisation__in=managed).select_related(
            "organisation"
        )
    )
    if not eligible.exists():
        return {"interest_state": "sent" if sent else "no_profile", "sent_interests": sent}
    return {
        "interest_state": "open",
        "interest_form": InterestForm(organisations=eligible),
        "sent_interests": sent,
    }


def opportunity_detail(request, slug, interest_form=None):
    keep_cached_until(request, next_midnight())
    queryset = Opportunity.objects.select_related("organisation", "kind", "call__programme")
    opportunity = get_visible_opportunity(
        request, queryset.prefetch_related("terms__parent"), slug=slug
    )
    ctx = {
        "opportunity": opportunity,
        "terms": opportunity.terms.all(),
        "json_ld": opportunity_json_ld(request, opportunity) if opportunity.is_live else None,
        "is_following": request.user.is_authenticated
        and Follow.objects.filter(opportunity=opportunity, user=request.user).exists(),
        **_interest_context(request, opportunity),
    }
    if interest_form is not None and "interest_form" in ctx:
        # Re-rendered with the user's input, offering the same organisations as before.
        choices = ctx["interest_form"].fields["organisation"].queryset
        interest_form.fields["organisation"].queryset = choices
        ctx["interest_form"] = interest_form
    if request.user.is_staff:
        ctx["could_answer"] = matching.organisations_that_could_answer(opportunity)
    return render(request, "opportunities/detail.html", ctx)


@login_required
@require_POST
@ratelimit("10/h", key="opportunity-interest")
def interest_create(request, slug):
    """A manager answers an opportunity for one of their published organisations."""
    opportunity = get_visible_opportunity(
        request, Opportunity.objects.select_related("organisation"), slug=slug
    )
    # Any organisation: the service says why one that isn't the user's is refused.
    form = InterestForm(request.POST, organisations=Organisation.objects.all())
    if not form.is_valid():
        return opportunity_detail(request, slug, interest_form=form)
    try:
        services.express_interest(
            opportunity,
            form.cleaned_data["organisation"],
            request.user,
            form.cleaned_data["message"],
        )
    except services.InterestRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(opportunity)
    messages.success(
        request,
        gettext(
            "Sent to %(organisation)s. You will see their answer on your dashboard and by "
            "e-mail; you now follow this opportunity."
        )
        % {"organisation": opportunity.organisation.name},
    )
    return redirect(opportunity)


@login_required
@require_POST
@ratelimit("60/h", key="opportunity-follow")
def follow(request, slug):
    opportunity = get_visible_opportunity(request, slug=slug)
    if request.POST.get("action") == "unfollow":
        services.unfollow(opportunity, request.user)
        messages.success(
            request,
            gettext("You no longer follow “%(title)s”.") % {"title": opportunity.title},
        )
    else:
        services.follow(opportunity, request.user)
        messages.success(
            request,
            gettext("You follow “%(title)s”: we e-mail you when it changes or is about to expire.")
            % {"title": opportunity.title},
        )
    return redirect(opportunity)


# ----- a manager's opportunities (listed on /my/ by plugins.py) ----------------------------
def _managed_published(user):
    return Organisation.objects.editable_by(user).order_by("name")


@login_required
@ratelimit("30/h", key="opportunity-create")
def opportunity_create(request):
    organisations = _managed_published(request.user).published()
    if not organisations.exists():
        raise PermissionDenied(
            gettext("Only managers of a published organisation profile can post opportunities.")
        )
    instance = Opportunity()
    form = OpportunityForm(request.POST or None, instance=instance, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        opportunity = services.save(instance, form, request.user)
        messages.success(
            request,
            gettext("“%(title)s” is saved as a draft: check and submit it.")
            % {"title": opportunity.title},
        )
        return redirect("opportunities:preview", pk=opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "opportunity": None})


@login_required
@ratelimit("60/h", key="opportunity-edit")
def opportunity_edit(request, pk):
    opportunity = get_editable_opportunity(request, pk)
    organisations = _managed_published(request.user).published()
    form = OpportunityForm(request.POST or None, instance=opportunity, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        opportunity = services.save(opportunity, form, request.user)
        messages.success(request, gettext("“%(title)s” is saved.") % {"title": opportunity.title})
        return redirect("opportunities:preview", pk=opportunity.pk)
    return render(request, "opportunities/form.html", {"form": form, "opportunity": opportunity})


@login_required
def opportunity_preview(request, pk):
    queryset = Opportunity.objects.select_related("organisation", "kind", "call__programme")
    opportunity = get_visible_opportunity(
        request, queryset.prefetch_related("terms__parent"), pk=pk
    )
    can_edit = Opportunity.objects.editable_by(request.user).filter(pk=pk).exists()
    ctx = {
        "opportunity": opportunity,
        "terms": opportunity.terms.all(),
        "history": opportunity.status_history(),
        "can_edit": can_edit,
        "can_submit": can_edit and opportunity.status in services.SUBMITTABLE,
        "can_withdraw": can_edit and opportunity.status in services.WITHDRAWABLE,
    }
    return render(request, "opportunities/preview.html", ctx)


@login_required
@require_POST
@ratelimit("30/h", key="opportunity-submit")
def opportunity_submit(request, pk):
    opportunity = get_editable_opportunity(request, pk)
    try:
        services.submit(opportunity, request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
        return redirect("opportunities:preview", pk=pk)
    if opportunity.is_published:
        messages.success(
            request, gettext("“%(title)s” is published.") % {"title": opportunity.title}
        )
    else:
        messages.success(
            request,
            gettext("“%(title)s” is submitted: staff will review it and e-mail you.")
            % {"title": opportunity.title},
        )
    return redirect("opportunities:preview", pk=pk)


@login_required
@require_POST
def opportunity_withdraw(request, pk):
    opportunity = get_editable_opportunity(request, pk)
    try:
        services.withdraw(opportunity, request.user)
    except services.TransitionError as error:
        messages.error(request, str(error))
        return redirect("opportunities:preview", pk=pk)
    messages.success(request, gettext("“%(title)s” is withdrawn.") % {"title": opportunity.title})
    return redirect("my:dashboard")


@login_required
@require_POST
@ratelimit("60/h", key="opportunity-reply")
def interest_reply(request, pk):
    """The poster answers or declines an interest (from the /my/ panel)."""
    interest = get_object_or_404(
        Interest.objects.received_by(request.user).select_related(
            "opportunity__organisation", "organisation", "sender"
        ),
        pk=pk,
    )
    form = ReplyForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(message for field in form.errors.values() for message in field)
        messages.error(request, errors)
        return redirect(interest.get_absolute_url())
    try:
        services.reply(
            interest, request.user, form.cleaned_data["status"], form.cleaned_data["reply"]
        )
    except services.InterestRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(interest.get_absolute_url())
    messages.success(
        request,
        gettext("%(organisation)s is told.") % {"organisation": interest.organisation.name},
    )
    return redirect(interest.get_absolute_url())

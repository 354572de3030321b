"""Accounts (`accounts:`: sign-up, e-mail verification; log in and password views are Django's,
configured in urls.py) and the signed-in area (`my:`: the dashboard, registering and managing
one's own profiles). The workflows' side effects live in `services.py`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST

from directory import services as directory_services
from directory.access import get_editable_organisation
from directory.models import Organisation
from eca_site.lib.ratelimit import ratelimit
from eca_site.lib.registry import my_panels, render_all

from . import services
from .forms import (
    AboutForm,
    ContactFormSet,
    ContactsStepForm,
    FiguresForm,
    FocusForm,
    IdentityForm,
    InvitationForm,
    MemberInvitationForm,
    NewOrganisationForm,
    SignupForm,
    SocialLinkFormSet,
)
from .models import ProfileChange

# (slug, title, step form, formsets). The titles stay English in the history's change reason
# and are translated where they are shown (gettext(title)).
STEPS = [
    ("identity", gettext_noop("Identity and location"), IdentityForm, []),
    ("contacts", gettext_noop("Contact people"), ContactsStepForm, [ContactFormSet]),
    ("figures", gettext_noop("Members and staff"), FiguresForm, []),
    ("focus", gettext_noop("Sectors and taxonomies"), FocusForm, []),
    ("about", gettext_noop("About, logo and social links"), AboutForm, [SocialLinkFormSet]),
]
STEP_SLUGS = [slug for slug, *_ in STEPS]


def verified_required(view):
    """Logged in (else to the login page) and e-mail verified (else a 403 explaining why)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.is_verified(request.user):
            return render(request, "accounts/unverified.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


# ----- accounts ----------------------------------------------------------------------------
@ratelimit("5/h")
def signup(request):
    if request.user.is_authenticated:
        return redirect("my:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.sign_up(data["name"], data["email"], data["password1"])
        if user is None:  # the same address signed up a moment ago (a double click)
            form.add_error("email", SignupForm.EXISTS_MESSAGE)
        else:
            services.send_verification_email(user, request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_safe_next(request) or reverse("accounts:signup_done"))
    ctx = {"form": form, "next": _safe_next(request)}
    return render(request, "accounts/signup.html", ctx)


def signup_done(request):
    return render(request, "accounts/signup_done.html")


def verify(request, token):
    try:
        user = services.verify_email(token)
    except services.InvalidToken as error:
        ctx = {"error": str(error), "expired": error.expired}
        return render(request, "accounts/verify.html", ctx, status=400)
    messages.success(request, gettext("Thank you: your e-mail address is confirmed."))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("my:organisation_list")
    return render(request, "accounts/verify.html", {"verified_user": user})


@require_POST
@ratelimit("3/h")
def resend_verification(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("accounts:signup_done"))
    if not services.is_verified(request.user):
        services.send_verification_email(request.user, request)
    messages.success(
        request,
        gettext("We sent a new confirmation link to %(email)s.") % {"email": request.user.email},
    )
    return redirect("accounts:signup_done")


# ----- the signed-in area: /my/ ------------------------------------------------------------
@verified_required
def dashboard(request):
    """What the user manages, and the panels other apps register (best practices ...)."""
    ctx = {
        "organisations": Organisation.objects.editable_by(request.user)
        .only("name", "slug", "status", "completeness", "updated")
        .order_by("name"),
        "panels": render_all(my_panels, request),
    }
    return render(request, "my/dashboard.html", ctx)


@verified_required
def organisation_list(request):
    organisations = Organisation.objects.editable_by(request.user).only(
        "name", "slug", "status", "updated", "completeness"
    )
    return render(request, "my/organisation_list.html", {"organisations": organisations})


@verified_required
@ratelimit("20/h")
def organisation_new(request):
    form = NewOrganisationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = services.register_organisation(form, request.user)
        messages.success(
            request,
            gettext("Your draft is saved. Fill in the steps at your own pace, then submit it."),
        )
        return redirect("my:organisation_edit", organisation.slug)
    return render(request, "my/organisation_new.html", {"form": form})


@verified_required
@ratelimit("60/h")
def organisation_edit(request, slug, step="identity"):
    organisation = get_editable_organisation(request.user, slug)
    if step not in STEP_SLUGS:
        return redirect("my:organisation_edit", organisation.slug)
    if organisation.status == Organisation.Status.NEEDS_REVIEW:
        messages.info(
            request, gettext("This profile is being reviewed: you can edit it again afterwards.")
        )
        return redirect("my:organisation_list")
    index = STEP_SLUGS.index(step)
    _slug, title, form_class, formset_classes = STEPS[index]
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = form_class(data, files, instance=organisation)
    formsets = [fs(data, files, instance=organisation) for fs in formset_classes]
    version = request.POST.get("version") if data else services.version_of(organisation)
    stale_changes = None
    if data and form.is_valid() and all(fs.is_valid() for fs in formsets):
        try:
            pending = services.save_profile_step(
                organisation, request.user, form, formsets, version=version, step=title
            )
        except services.StaleForm as stale:
            stale_changes = stale.changes
            version = services.version_of(Organisation.objects.get(pk=organisation.pk))
        else:
            _saved_messages(request, organisation, pending)
            if request.POST.get("action") == "next" and index + 1 < len(STEPS):
                return redirect("my:organisation_step", organisation.slug, STEP_SLUGS[index + 1])
            return redirect("my:organisation_step", organisation.slug, step)
    ctx = {
        "organisation": organisation,
        "form": form,
        "formsets": formsets,
        "version": version,
        "stale_changes": stale_changes,
        "steps": [(s, gettext(t)) for s, t, *_ in STEPS],
        "step": step,
        "step_title": gettext(title),
        "is_last_step": index + 1 == len(STEPS),
        "pending_changes": ProfileChange.objects.for_organisation(organisation).pending(),
    }
    return render(request, "my/organisation_edit.html", ctx)


def _saved_messages(request, organisation, pending):
    if organisation.is_published:
        messages.success(request, gettext("Saved: your changes are live."))
    else:
        messages.success(request, gettext("Draft saved."))
    for change in pending:
        messages.info(
            request,
            # Translators: "The new Name “Acme Cluster” awaits staff approval."; field is a
            # field's name (Name, Country, Profile type).
            gettext("The new %(field)s “%(value)s” awaits staff approval.")
            % {"field": gettext(change.label), "value": change.new_display},
        )


@require_POST
@verified_required
@ratelimit("10/h")
def organisation_submit(request, slug):
    organisation = get_editable_organisation(request.user, slug)
    if not organisation.is_editable_draft:
        messages.error(request, gettext("Only drafts and returned profiles can be submitted."))
        return redirect("my:organisation_list")
    no_contact = not organisation.contacts.exists()
    no_about = not organisation.about.strip()
    if no_contact or no_about:
        if no_contact and no_about:
            message = gettext("Before you submit, add a contact person and an about text.")
        elif no_contact:
            message = gettext("Before you submit, add a contact person.")
        else:
            message = gettext("Before you submit, add an about text.")
        messages.error(request, message)
        return redirect("my:organisation_edit", organisation.slug)
    try:
        directory_services.submit_for_review(organisation, request.user)
    except directory_services.TransitionError as error:
        messages.error(request, str(error))
        return redirect("my:organisation_list")
    messages.success(request, gettext("Thank you: staff will review your profile and e-mail you."))
    return redirect("my:organisation_list")


# ----- co-editors --------------------------------------------------------------------------
@verified_required
@ratelimit("10/h")
def organisation_managers(request, slug):
    organisation = get_editable_organisation(request.user, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if organisation.managers.filter(email__iexact=email).exists():
            form.add_error("email", gettext("This person is a manager of the profile already."))
        else:
            services.invite(organisation, request.user, email, request)
            messages.success(request, gettext("Invitation sent to %(email)s.") % {"email": email})
            return redirect("my:organisation_managers", organisation.slug)
    first_id = services.first_manager_id(organisation)
    ctx = {
        "organisation": organisation,
        "managers": organisation.managers.order_by("first_name", "email"),
        "first_manager_id": first_id,
        "is_first_manager": request.user.pk == first_id,
        "form": form,
    }
    return render(request, "my/organisation_managers.html", ctx)


@require_POST
@verified_required
def remove_manager(request, slug):
    organisation = get_editable_organisation(request.user, slug)
    if request.user.pk != services.first_manager_id(organisation):
        messages.error(
            request, gettext("Only the first manager of a profile can remove co-editors.")
        )
        return redirect("my:organisation_managers", organisation.slug)
    try:
        user_id = int(request.POST.get("user", ""))
    except ValueError:
        user_id = None
    if user_id is None or not organisation.managers.filter(pk=user_id).exists():
        messages.error(request, gettext("That person is not a co-editor of this profile."))
    elif services.remove_manager(organisation, user_id):
        messages.success(request, gettext("Co-editor removed."))
    else:
        messages.error(request, gettext("A profile always keeps its first manager."))
    return redirect("my:organisation_managers", organisation.slug)


# ----- a network's members -----------------------------------------------------------------
MEMBER_MATCHES = 10


def _editable_network(user, slug):
    """The network at `slug` that `user` manages; 404 for other profile types (only networks
    list member organisations) and for profiles they do not manage."""
    organisation = get_editable_organisation(user, slug)
    if not organisation.is_network:
        raise Http404("Only networks list member organisations.")
    return organisation


def _member_query(params):
    """The search text of the member search: printable characters, at most 100."""
    return "".join(ch for ch in params.get("q", "") if ch.isprintable()).strip()[:100]


def _members_page(request, network, invite_form):
    q = _member_query(request.GET)
    matches = []
    if q:
        matches = list(
            Organisation.objects.published()
            .exclude(pk=network.pk)
            .exclude(member_of__network=network)
            .only("name", "slug", "country", "city", "kind")
            .search(q)[:MEMBER_MATCHES]
        )
    ctx = {
        "organisation": network,
        "memberships": network.memberships.select_related("member")
        .only("member__name", "member__slug", "member__status", "member__country", "network")
        .order_by("position", "member__name"),
        "q": q,
        "matches": matches,
        "max_matches": MEMBER_MATCHES,
        "invite_form": invite_form,
    }
    return render(request, "my/organisation_members.html", ctx)


@verified_required
@ratelimit("60/h")
def organisation_members(request, slug):
    """List, add (a published profile found by a plain GET search) and remove a network's
    member organisations; every write goes through directory.services.set_member."""
    network = _editable_network(request.user, slug)
    if request.method != "POST":
        return _members_page(request, network, MemberInvitationForm())
    action = request.POST.get("action")
    member_id = request.POST.get("member", "")
    candidates = Organisation.objects.none()
    if member_id.isdigit() and action == "add":
        candidates = Organisation.objects.published().exclude(pk=network.pk)
    elif member_id.isdigit() and action == "remove":
        candidates = Organisation.objects.filter(member_of__network=network)
    member = candidates.filter(pk=int(member_id)).first() if member_id.isdigit() else None
    if member is None:
        messages.error(request, gettext("That organisation cannot be added or removed here."))
    elif directory_services.set_member(network, member, listed=action == "add", by=request.user):
        if action == "add":
            done = gettext("%(name)s added to your members.")
        else:
            done = gettext("%(name)s removed from your members.")
        messages.success(request, done % {"name": member.name})
    else:
        if action == "add":
            state = gettext("Nothing to change: %(name)s is listed already.")
        else:
            state = gettext("Nothing to change: %(name)s is not listed.")
        messages.info(request, state % {"name": member.name})
    url = reverse("my:organisation_members", args=[network.slug])
    q = _member_query(request.POST)
    return redirect(f"{url}?{urlencode({'q': q})}" if q else url)


@require_POST
@verified_required
@ratelimit("5/h")
def invite_member(request, slug):
    """E-mail an organisation without a profile an invitation to register one."""
    network = _editable_network(request.user, slug)
    form = MemberInvitationForm(request.POST)
    if not form.is_valid():
        return _members_page(request, network, form)
    name, email = form.cleaned_data["name"], form.cleaned_data["email"]
    services.invite_member(network, request.user, name, email, request)
    messages.success(
        request,
        gettext("Invitation to register %(name)s sent to %(email)s.")
        % {"name": name, "email": email},
    )
    return redirect("my:organisation_members", network.slug)


def accept_invitation(request, token):
    try:
        invitation = services.read_invitation(token)
    except services.InvalidToken as error:
        ctx = {"error": str(error), "expired": error.expired}
        return render(request, "my/accept_invitation.html", ctx, status=400)
    ctx = {
        "organisation": invitation.organisation,
        "email": invitation.email,
        "login_url": resolve_url("accounts:login"),
    }
    if not request.user.is_authenticated:
        return render(request, "my/accept_invitation.html", ctx)
    if request.user.email.lower() != invitation.email.lower():
        return render(request, "my/accept_invitation.html", {**ctx, "wrong_user": True}, status=403)
    if request.method == "POST":
        try:
            services.accept_invitation(invitation, request.user)
        except services.InvalidToken as error:
            return render(request, "my/accept_invitation.html", {"error": str(error)}, status=400)
        messages.success(
            request,
            gettext("You are now a co-editor of %(name)s.")
            % {"name": invitation.organisation.name},
        )
        return redirect("my:organisation_edit", invitation.organisation.slug)
    return render(request, "my/accept_invitation.html", ctx)

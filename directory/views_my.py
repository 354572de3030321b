"""Self-service views: sign-up and e-mail verification (`accounts:`), registering and
managing one's own profiles (`my:`).

A module of its own so the public directory views (`views.py`) and this workflow can grow
independently; the workflow's side effects live in `services.py`.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from eca_site.lib.ratelimit import ratelimit

from . import services
from .forms import (
    AboutForm,
    ContactFormSet,
    ContactsStepForm,
    FiguresForm,
    FocusForm,
    IdentityForm,
    InvitationForm,
    NewOrganisationForm,
    SignupForm,
    SocialLinkFormSet,
)
from .models import AccountProfile, Organisation

# (slug, title, step form, formsets)
STEPS = [
    ("identity", "Identity and location", IdentityForm, []),
    ("contacts", "Contact people", ContactsStepForm, [ContactFormSet]),
    ("figures", "Members and staff", FiguresForm, []),
    ("focus", "Sectors and taxonomies", FocusForm, []),
    ("about", "About, logo and social links", AboutForm, [SocialLinkFormSet]),
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
        return redirect("my:organisation_list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=data["email"],
                email=data["email"],
                password=data["password1"],
                first_name=data["name"],
            )
            now = timezone.now()
            AccountProfile.objects.create(user=user, terms_accepted_at=now, privacy_accepted_at=now)
        services.send_verification_email(user)
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
    messages.success(request, "Thank you: your e-mail address is confirmed.")
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("my:organisation_list")
    return render(request, "accounts/verify.html", {"verified_user": user})


@require_POST
@ratelimit("3/h")
def resend_verification(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("accounts:signup_done"))
    if not services.is_verified(request.user):
        services.send_verification_email(request.user)
    messages.success(request, f"We sent a new confirmation link to {request.user.email}.")
    return redirect("accounts:signup_done")


# ----- my organisations --------------------------------------------------------------------
def _managed(request, slug):
    """A profile the user manages; 404 for everyone else (staff use the admin)."""
    return get_object_or_404(Organisation.objects.managed_by(request.user), slug=slug)


def _unique_slug(name):
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@verified_required
def organisation_list(request):
    organisations = Organisation.objects.managed_by(request.user).only(
        "name", "slug", "status", "is_published", "updated", "completeness"
    )
    return render(request, "my/organisation_list.html", {"organisations": organisations})


@verified_required
def organisation_new(request):
    form = NewOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save(commit=False)
            organisation.slug = _unique_slug(organisation.name)
            organisation.status = Organisation.Status.DRAFT
            organisation.is_published = False
            organisation.save()
            organisation.managers.add(request.user)
        messages.success(
            request, "Your draft is saved. Fill in the steps at your own pace, then submit it."
        )
        return redirect("my:organisation_edit", organisation.slug)
    return render(request, "my/organisation_new.html", {"form": form})


@verified_required
def organisation_edit(request, slug, step="identity"):
    organisation = _managed(request, slug)
    if step not in STEP_SLUGS:
        return redirect("my:organisation_edit", organisation.slug)
    if organisation.status == Organisation.Status.NEEDS_REVIEW:
        messages.info(request, "This profile is being reviewed: you can edit it again afterwards.")
        return redirect("my:organisation_list")
    index = STEP_SLUGS.index(step)
    _slug, title, form_class, formset_classes = STEPS[index]
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = form_class(data, files, instance=organisation)
    formsets = [fs(data, files, instance=organisation) for fs in formset_classes]
    if request.method == "POST" and form.is_valid() and all(fs.is_valid() for fs in formsets):
        pending = services.save_profile_step(organisation, request.user, form, formsets)
        if organisation.status == Organisation.Status.PUBLISHED:
            messages.success(request, "Saved: your changes are live.")
        else:
            messages.success(request, "Draft saved.")
        for change in pending:
            messages.info(
                request, f"The new {change.label} “{change.new_display}” awaits staff approval."
            )
        if request.POST.get("action") == "next" and index + 1 < len(STEPS):
            return redirect("my:organisation_step", organisation.slug, STEP_SLUGS[index + 1])
        return redirect("my:organisation_step", organisation.slug, step)
    ctx = {
        "organisation": organisation,
        "form": form,
        "formsets": formsets,
        "steps": [(s, t) for s, t, *_ in STEPS],
        "step": step,
        "step_title": title,
        "is_last_step": index + 1 == len(STEPS),
        "pending_changes": organisation.profile_changes.pending(),
    }
    return render(request, "my/organisation_edit.html", ctx)


@require_POST
@verified_required
def organisation_submit(request, slug):
    organisation = _managed(request, slug)
    if not organisation.is_editable_draft:
        messages.error(request, "Only drafts and returned profiles can be submitted.")
        return redirect("my:organisation_list")
    missing = [
        label
        for label, ok in (
            ("a contact person", organisation.contacts.exists()),
            ("an about text", bool(organisation.about.strip())),
        )
        if not ok
    ]
    if missing:
        messages.error(request, f"Before you submit, add {' and '.join(missing)}.")
        return redirect("my:organisation_edit", organisation.slug)
    services.submit_for_review(organisation, request.user)
    messages.success(request, "Thank you: staff will review your profile and e-mail you.")
    return redirect("my:organisation_list")


# ----- co-editors --------------------------------------------------------------------------
@verified_required
@ratelimit("10/h")
def organisation_managers(request, slug):
    organisation = _managed(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if organisation.managers.filter(email__iexact=email).exists():
            form.add_error("email", "This person is a manager of the profile already.")
        else:
            services.send_invitation(organisation, request.user, email)
            messages.success(request, f"Invitation sent to {email}.")
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
    organisation = _managed(request, slug)
    if request.user.pk != services.first_manager_id(organisation):
        messages.error(request, "Only the first manager of a profile can remove co-editors.")
        return redirect("my:organisation_managers", organisation.slug)
    try:
        user_id = int(request.POST.get("user", ""))
    except ValueError:
        user_id = None
    if user_id is None or not organisation.managers.filter(pk=user_id).exists():
        messages.error(request, "That person is not a co-editor of this profile.")
    elif services.remove_manager(organisation, user_id):
        messages.success(request, "Co-editor removed.")
    else:
        messages.error(request, "A profile always keeps its first manager.")
    return redirect("my:organisation_managers", organisation.slug)


def accept_invitation(request, token):
    try:
        organisation, email = services.read_invitation(token)
    except services.InvalidToken as error:
        ctx = {"error": str(error), "expired": error.expired}
        return render(request, "my/accept_invitation.html", ctx, status=400)
    ctx = {
        "organisation": organisation,
        "email": email,
        "login_url": resolve_url(settings.LOGIN_URL),
    }
    if not request.user.is_authenticated:
        return render(request, "my/accept_invitation.html", ctx)
    if request.user.email.lower() != email:
        return render(request, "my/accept_invitation.html", {**ctx, "wrong_user": True}, status=403)
    if request.method == "POST":
        # The link reached this address: that confirms it as well as a verification link.
        AccountProfile.objects.filter(user=request.user, email_verified_at=None).update(
            email_verified_at=timezone.now()
        )
        organisation.managers.add(request.user)
        messages.success(request, f"You are now a co-editor of {organisation.name}.")
        return redirect("my:organisation_edit", organisation.slug)
    return render(request, "my/accept_invitation.html", ctx)

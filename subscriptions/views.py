"""/subscriptions/: subscribe (double opt-in), confirm, manage, unsubscribe (RFC 8058 one-click
POST, no login), delete all data. Links carry a signed token of the subscription."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from eca_site.lib.ratelimit import ratelimit

from . import services
from .forms import ChoicesForm, SubscribeForm
from .models import Subscription


def _invalid_link(request):
    return render(request, "subscriptions/invalid_link.html", status=404)


def _verified_address(user):
    """The signed-in user's address when the account proved it (verified or made by staff)."""
    if not user.is_authenticated or not user.email:
        return None
    account = getattr(user, "account_profile", None)
    return user.email if account is None or account.is_verified else None


@ratelimit("10/h")
def subscribe(request):
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        verified = _verified_address(request.user)
        if verified and verified.lower() == email.lower():
            subscription = services.subscribe_confirmed(request.user, form.cleaned_data)
            messages.success(
                request, gettext("You are subscribed. You can change your choices here.")
            )
            return redirect(subscription.get_absolute_url())
        user = request.user if request.user.is_authenticated else None
        services.request_subscription(email, form.cleaned_data, user=user)
        return redirect("subscriptions:requested")
    return render(request, "subscriptions/subscribe.html", {"form": form})


def requested(request):
    return render(request, "subscriptions/requested.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = Subscription.objects.from_token(token, "confirm")
    if subscription is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscription = services.confirm(subscription)
        messages.success(request, gettext("Your subscription is confirmed. Thank you!"))
        return redirect(subscription.get_absolute_url())
    return render(request, "subscriptions/confirm.html", {"subscription": subscription})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscription = Subscription.objects.from_token(token, "manage")
    if subscription is None:
        return _invalid_link(request)
    form = ChoicesForm(request.POST or None, initial=ChoicesForm.initial_for(subscription))
    if request.method == "POST" and form.is_valid():
        services.save_choices(subscription, form.cleaned_data)
        messages.success(request, gettext("Your choices are saved."))
        return redirect(subscription.get_absolute_url())
    ctx = {
        "subscription": subscription,
        "form": form,
        "unsubscribe_token": subscription.token("unsubscribe"),
        "token": token,
    }
    return render(request, "subscriptions/manage.html", ctx)


@never_cache
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no CSRF token;
# the signed token in the URL is the authorisation, and unsubscribing is all it can do.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = Subscription.objects.from_token(token, "unsubscribe")
    if subscription is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.unsubscribe(subscription)
        ctx = {"subscription": subscription, "manage_token": subscription.token("manage")}
        return render(request, "subscriptions/unsubscribed.html", ctx)
    return render(request, "subscriptions/unsubscribe.html", {"subscription": subscription})


@never_cache
@require_http_methods(["GET", "POST"])
def delete(request, token):
    subscription = Subscription.objects.from_token(token, "manage")
    if subscription is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.delete_all_data(subscription)
        return render(request, "subscriptions/deleted.html")
    ctx = {"subscription": subscription, "token": token}
    return render(request, "subscriptions/delete.html", ctx)

"""What subscriptions contribute to other pages: the `/my/` panel (registered in apps.py)."""

from django.template.loader import render_to_string

from .models import Subscription


def subscription_panel(request):
    """The signed-in user's digest subscription, or an invitation to subscribe (one query)."""
    subscription = Subscription.objects.for_address(request.user.email).first()
    ctx = {"subscription": subscription}
    return render_to_string("subscriptions/_my_panel.html", ctx, request)

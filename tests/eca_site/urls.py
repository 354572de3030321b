"""The project's URLs plus two test-only views: an anonymous form protected the way other apps'
public forms are (honeypot + rate limit), and a view that fails (for the 500 page)."""

from django import forms
from django.http import HttpResponse
from django.urls import path

from eca_site.lib.honeypot import HoneypotFormMixin
from eca_site.lib.ratelimit import ratelimit
from eca_site.urls import handler500
from eca_site.urls import urlpatterns as site_urlpatterns

SENT = []  # what the form "sent"


class MessageForm(HoneypotFormMixin, forms.Form):
    message = forms.CharField()


@ratelimit("3/m")
def message(request):
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        SENT.append(form.cleaned_data["message"])
        return HttpResponse("Thank you")
    return HttpResponse(form.render())


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test/message/", message, name="test_message"),
    path("test/boom/", boom, name="test_boom"),
    *site_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]

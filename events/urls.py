from django.urls import path, register_converter

from . import feeds, views


class FourDigitConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigitConverter:
    """Months and ISO weeks as two digits (`03`); range checks happen in the view (404)."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigitConverter, "yyyy")
register_converter(TwoDigitConverter, "nn")

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("past/", views.past, name="past"),
    path("calendar/", views.calendar_today, name="calendar"),
    path("calendar/<yyyy:year>/<nn:month>/", views.month, name="month"),
    path("calendar/<yyyy:year>/week/<nn:week>/", views.week, name="week"),
    path("feed.ics", views.feed_ics, name="feed_ics"),
    path("feed/rss/", feeds.LatestEventsFeed(), name="feed_rss"),
    path("feed/atom/", feeds.LatestEventsAtomFeed(), name="feed_atom"),
    path("organisations/<slug:slug>/feed.ics", views.organisation_ics, name="organisation_ics"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/event.ics", views.detail_ics, name="detail_ics"),
]

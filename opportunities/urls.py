"""Opportunities and calls: public pages and feeds, and a manager's pages under
/my/opportunities/ (the /my/ dashboard is accounts'; this app adds a panel to it)."""

from django.urls import path

from . import feeds, views

app_name = "opportunities"

urlpatterns = [
    path("opportunities/", views.opportunity_list, name="list"),
    path("opportunities/feed/rss/", feeds.OpportunityFeed(), name="feed_rss"),
    path("opportunities/feed/atom/", feeds.OpportunityAtomFeed(), name="feed_atom"),
    path("opportunities/deadlines.ics", views.opportunity_deadlines_ics, name="deadlines_ics"),
    path("opportunities/<slug:slug>/", views.opportunity_detail, name="detail"),
    path("opportunities/<slug:slug>/interest/", views.interest_create, name="interest"),
    path("opportunities/<slug:slug>/follow/", views.follow, name="follow"),
    path("calls/", views.call_list, name="calls"),
    path("calls/archive/", views.call_archive, name="call_archive"),
    path("calls/deadlines.ics", views.call_deadlines_ics, name="call_deadlines_ics"),
    path("calls/feed/rss/", feeds.CallFeed(), name="call_feed_rss"),
    path("calls/feed/atom/", feeds.CallAtomFeed(), name="call_feed_atom"),
    path("calls/<slug:slug>/", views.call_detail, name="call_detail"),
    path("my/opportunities/new/", views.opportunity_create, name="create"),
    path("my/opportunities/<int:pk>/", views.opportunity_preview, name="preview"),
    path("my/opportunities/<int:pk>/edit/", views.opportunity_edit, name="edit"),
    path("my/opportunities/<int:pk>/submit/", views.opportunity_submit, name="submit"),
    path("my/opportunities/<int:pk>/withdraw/", views.opportunity_withdraw, name="withdraw"),
    path("my/interests/<int:pk>/reply/", views.interest_reply, name="interest_reply"),
]

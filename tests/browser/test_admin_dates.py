"""Issue 15: date-only admin fields showed "You are 1 hour behind" to staff outside Brussels
time; only date-time fields should."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import make_organisation


def test_only_date_time_fields_warn_about_the_time_zone(browser, base_url, staff_user):
    organisation = make_organisation()
    context = browser.new_context(base_url=base_url, timezone_id="Atlantic/Reykjavik")  # UTC
    page = context.new_page()
    page.goto(reverse("admin:events_event_add"))
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("staff-password-1")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#id_start_timezone_warning_helptext")).to_be_visible()
    expect(page.locator("#id_start_timezone_warning_helptext")).to_contain_text("hour behind")

    page.goto(reverse("admin:directory_organisation_change", args=[organisation.pk]))
    warning = page.locator("#id_date_of_establishment_timezone_warning_helptext")
    expect(warning).to_have_count(1)  # Django's script added it ...
    expect(warning).to_be_hidden()  # ... and our style sheet hides it
    expect(
        page.locator("#id_excellence_label_valid_until_timezone_warning_helptext")
    ).to_be_hidden()
    context.close()

"""Terms of use, privacy notice, about and contact: published, staff-editable, linked from the
footer and from the sign-up consent, and the accepted versions recorded on the account."""

import pytest
from django.urls import reverse

from eca_site.models import SitePage

pytestmark = pytest.mark.django_db

PAGES = {
    "terms": "Terms of use",
    "privacy": "Privacy notice",
    "about": "About",
    "contact": "Contact",
}


@pytest.mark.parametrize("name", PAGES)
def test_each_site_page_is_published_with_one_h1(anon, name):
    response = anon.get(reverse(name))
    assert response.status_code == 200
    assert response.text.count("<h1") == 1
    assert f"/{name}/" == reverse(name)


def test_the_footer_links_every_site_page(anon):
    html = anon.get(reverse("home")).text
    footer = html[html.index('<footer class="site-footer">') :]
    for name, text in PAGES.items():
        assert f'<a href="{reverse(name)}">{text}' in footer


def test_the_privacy_notice_covers_what_gdpr_requires(anon):
    text = anon.get(reverse("privacy")).text
    for part in [
        "Controller",
        "European Clusters Alliance (ECA), Brussels",
        "Legal basis",
        "Art. 6(1)(b)",
        "How long we keep it",
        "Your rights",
        "complaint with a supervisory authority",
        'href="/contact/"',
    ]:
        assert part in text, part


def test_staff_edit_a_page_in_the_admin_and_its_html_is_sanitised(staff_client, anon):
    page = SitePage.objects.get(url="/about/")
    response = staff_client.post(
        reverse("admin:eca_site_sitepage_change", args=[page.pk]),
        {
            "url": "/about/",
            "title": "About us",
            "content": "<p>New text</p><script>alert(1)</script>",
            "version": "2027-01-01",
        },
    )
    assert response.status_code == 302
    html = anon.get(reverse("about")).text
    assert "<p>New text</p>" in html and "alert(1)" not in html
    assert "Version 2027-01-01" in html


def test_a_missing_site_page_is_404(anon):
    SitePage.objects.filter(url="/contact/").delete()
    assert anon.get(reverse("contact")).status_code == 404


def test_the_sitemap_lists_the_site_pages(anon):
    xml = anon.get(reverse("sitemap")).text
    for name in PAGES:
        assert f"http://testserver/{name}/</loc>" in xml


def test_the_sitemap_lists_every_list_page(anon):
    xml = anon.get(reverse("sitemap")).text
    for path in ["/events/", "/news/", "/best-practices/", "/documents/", "/directory/map/"]:
        assert f"<loc>http://testserver{path}</loc>" in xml, path

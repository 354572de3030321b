"""Log in, log out, password reset and change: Django's views with our templates."""

import re

import pytest
from django.urls import reverse


def test_header_shows_log_in_to_visitors(anon, db):
    html = anon.get(reverse("home")).content.decode()
    assert f'<a href="{reverse("accounts:login")}">Log in</a>' in html
    assert "Log out" not in html


def test_header_shows_dashboard_and_a_post_logout_button_to_users(manager_client):
    html = manager_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("my:dashboard")}"' in html
    assert re.search(
        rf'<form class="logout-form" method="post" action="{reverse("accounts:logout")}">'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]+">'
        r'<button class="link-button" type="submit">Log out</button></form>',
        html,
    )
    assert ">Log in<" not in html


def test_login_redirects_to_the_dashboard(client, manager_user):
    response = client.post(
        reverse("accounts:login"), {"username": "manager@example.org", "password": "pw-manager-1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/my/"


def test_wrong_password_shows_an_error_and_keeps_the_user_name(client, manager_user):
    response = client.post(reverse("accounts:login"), {"username": "manager", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please enter a correct e-mail address and password" in html
    assert 'value="manager"' in html


def test_the_dashboard_asks_visitors_to_log_in_first(anon, db):
    response = anon.get(reverse("my:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next=/my/"


def test_logout_is_post_only_and_returns_home(manager_client):
    assert manager_client.get(reverse("accounts:logout")).status_code == 405
    response = manager_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert manager_client.get(reverse("my:dashboard")).status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(client, manager_user, outbox):
    response = client.post(reverse("accounts:password_reset"), {"email": "manager@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(outbox) == 1
    assert outbox[0].subject == "Reset your password on the European Cluster Directory"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert "Choose a new password" in response.content.decode()
    set_url = response.redirect_chain[-1][0]
    response = client.post(
        set_url,
        {"new_password1": "a-much-better-pw-2026", "new_password2": "a-much-better-pw-2026"},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    assert (
        client.post(
            reverse("accounts:login"), {"username": "manager", "password": "a-much-better-pw-2026"}
        ).status_code
        == 302
    )


def test_password_reset_for_an_unknown_address_sends_nothing_but_says_the_same(client, db, outbox):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your e-mail" in response.content.decode()
    assert outbox == []


def test_an_invalid_reset_link_says_so(client, db):
    response = client.get(reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]))
    assert "This link is not valid any more" in response.content.decode()


def test_password_change(manager_client, manager_user):
    url = reverse("accounts:password_change")
    html = manager_client.get(url).content.decode()
    assert "<h1>Change your password</h1>" in html
    response = manager_client.post(
        url,
        {
            "old_password": "pw-manager-1",
            "new_password1": "another-good-pw-2026",
            "new_password2": "another-good-pw-2026",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    manager_user.refresh_from_db()
    assert manager_user.check_password("another-good-pw-2026")


@pytest.mark.parametrize(
    "url_name",
    ["login", "password_reset", "password_reset_done", "password_reset_complete"],
)
def test_account_pages_use_the_site_layout_with_one_h1(url_name, anon, db):
    html = anon.get(reverse(f"accounts:{url_name}")).content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'class="site-header"' in html


def test_login_asks_for_the_e_mail_address_and_says_what_managers_can_do(anon, db):
    html = anon.get(reverse("accounts:login")).text
    assert '<label for="id_username">E-mail address:</label>' in html
    assert 'type="email" name="username"' in html
    assert "Username" not in html
    assert "register their organisation, keep its public profile up to" in html


@pytest.mark.parametrize("typed", ["manager@example.org", " Manager@Example.ORG "])
def test_login_by_e_mail_address_works_whatever_the_username(client, manager_user, typed):
    response = client.post(
        reverse("accounts:login"), {"username": typed, "password": "pw-manager-1"}
    )
    assert response.status_code == 302


def test_the_login_honeypot_is_hidden_like_every_other(anon, db):
    for name in ["accounts:login", "accounts:signup", "accounts:password_reset"]:
        html = anon.get(reverse(name)).text
        assert (
            '<div class="hp" aria-hidden="true"><label for="id_homepage">Leave this field empty:'
            "</label>" in html
        ), name


def test_phones_get_a_compact_menu_that_needs_no_javascript(anon, db):
    html = anon.get(reverse("home")).text
    menu = html[html.index('<details class="nav-menu">') : html.index("</details>")]
    assert "<summary>Menu</summary>" in menu
    for name in ["directory:list", "events:list", "news:list", "accounts:login"]:
        assert f'href="{reverse(name)}"' in menu
    assert 'placeholder="Clusters, sectors, places"' in html

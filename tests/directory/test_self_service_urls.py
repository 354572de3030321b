from django.urls import reverse


def test_self_service_paths_are_stable():
    assert reverse("accounts:signup") == "/accounts/signup/"
    assert reverse("accounts:signup_done") == "/accounts/signup/done/"
    assert reverse("accounts:verify", args=["t0k"]) == "/accounts/verify/t0k/"
    assert reverse("accounts:resend_verification") == "/accounts/verify/resend/"
    assert reverse("my:organisation_list") == "/my/organisations/"
    assert reverse("my:organisation_new") == "/my/organisations/new/"
    assert reverse("my:organisation_edit", args=["x"]) == "/my/organisations/x/edit/"
    assert reverse("my:organisation_step", args=["x", "about"]) == "/my/organisations/x/edit/about/"
    assert reverse("my:organisation_submit", args=["x"]) == "/my/organisations/x/submit/"
    assert reverse("my:organisation_managers", args=["x"]) == "/my/organisations/x/managers/"
    assert reverse("my:remove_manager", args=["x"]) == "/my/organisations/x/managers/remove/"
    assert reverse("my:accept_invitation", args=["t"]) == "/my/organisations/invitations/t/"

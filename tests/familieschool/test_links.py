"""familieschool.links: the same URLs as reverse(), resolved once per process."""

from django.urls import reverse

from familieschool import links


def test_url_is_what_reverse_gives():
    assert links.url("start") == reverse("start") == "/"
    assert links.url("gezinnen:signaal_create") == reverse("gezinnen:signaal_create")


def test_url_per_pk_is_what_reverse_gives_for_every_pk():
    naar_signaal = links.url_per_pk("gezinnen:signaal_detail")

    assert [naar_signaal(pk) for pk in (1, 42, 987654321)] == [
        reverse("gezinnen:signaal_detail", args=[pk]) for pk in (1, 42, 987654321)
    ]


def test_a_script_prefix_gets_its_own_urls():
    from django.urls import get_script_prefix, set_script_prefix

    before = get_script_prefix()
    set_script_prefix("/familieschool/")
    try:
        assert links.url("start") == "/familieschool/"
        assert links.url_per_pk("gezinnen:gezin_detail")(3) == reverse("gezinnen:gezin_detail", args=[3])
    finally:
        set_script_prefix(before)
    assert links.url("start") == "/"

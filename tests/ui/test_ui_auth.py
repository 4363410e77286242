"""Sign-in in the sidebar, pages by role, the public view switch and the OIDC path, in AppTest."""

from streamlit.testing.v1 import AppTest

from tests.support.apptest import (
    PASSWORD,
    SIGN_IN_NEEDED,
    fresh_process_state,
    new_app,
    open_page,
    reaches,
    sign_in,
    title,
)
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user, get_user, set_active, update_user
from tracker.storage.database import Database


def test_visitors_get_the_public_pages_and_a_sign_in_form(people_app):
    at = new_app().run()
    assert not at.exception
    assert [t.key for t in at.sidebar.text_input] == ["auth_username", "auth_password"]
    assert reaches(at, "map") and reaches(at, "claimed-vs-verified")
    assert not any(reaches(at, path) for path in ("edit", "visits", "users"))


def test_wrong_password_is_told_in_kazakh_and_russian(people_app):
    at = sign_in(new_app().run(), "asel", "wrong")
    assert [e.value for e in at.sidebar.error] == ["Пайдаланушы аты немесе құпиясөз қате."]
    at = new_app()
    at.query_params["lang"] = "ru"
    at = sign_in(at.run(), "asel", "wrong")
    assert [e.value for e in at.sidebar.error] == ["Неверное имя пользователя или пароль."]


def test_an_editor_signs_in_sees_the_editing_pages_and_signs_out(people_app):
    at = sign_in(new_app().run(), "asel", PASSWORD)
    assert not at.exception
    assert "Кірген: **Әсел \\*Нұрланқызы\\*** · аудан редакторы" in [m.value for m in at.sidebar.markdown]
    assert reaches(at, "edit") and reaches(at, "visits") and not reaches(at, "users")
    at.sidebar.button(key="auth_sign_out").click().run()
    assert not reaches(at, "edit")
    at = open_page(at, "overview")  # a public page: the sign-in form is back in the sidebar
    assert [t.key for t in at.sidebar.text_input] == ["auth_username", "auth_password"]


def test_a_page_the_role_does_not_open_says_which_roles_it_is_for_and_leads_back(people_app):
    db = Database(people_app)
    add_user(db, SYSTEM, {"username": "dana", "display_name": "Дана", "role": "monitor"}, PASSWORD)
    at = sign_in(new_app().run(), "dana", PASSWORD)
    for path in ("users", "edit", "import"):
        at = open_page(at, path)
        assert not at.exception
        assert title(at) == "Бұл бет сіздің рөліңізге ашық емес"
    at = open_page(at, "users")
    assert [w.value for w in at.warning] == [
        "Бұл бет мына рөлдерге арналған: әкімші. Сіз қоғамдық бақылаушы (ҮЕҰ) ретінде кірдіңіз. "
        "Қажет болса, әкімшіге жүгініңіз."
    ]
    assert [link.proto.page for link in at.get("page_link")] == [""]  # the overview, at "/"
    at = new_app()
    at.query_params["lang"] = "ru"
    at = open_page(sign_in(at.run(), "dana", PASSWORD), "edit", id="1")
    assert title(at) == "Эта страница недоступна вашей роли"
    assert "администратор, менеджер, редактор района" in at.warning[0].value


def test_the_overview_opens_at_its_own_name_too(people_app):
    at = new_app().run()
    home = title(at)
    assert title(open_page(at, "overview")) == home
    assert not at.exception


def test_only_an_administrator_gets_the_users_page(people_app):
    at = sign_in(new_app().run(), "boss", "admin-" + PASSWORD)
    at = open_page(at, "users")
    assert not at.exception
    assert title(at) == "Пайдаланушылар мен рөлдер"
    assert {"asel", "boss", "ngo"} <= set(at.dataframe[0].value.iloc[:, 0])


def test_with_the_public_view_off_visitors_see_only_the_sign_in(people_app, monkeypatch):
    monkeypatch.setenv("TRACKER_PUBLIC_VIEW", "false")
    fresh_process_state()
    at = new_app().run()
    assert not at.exception
    assert title(at) == SIGN_IN_NEEDED
    assert all(title(open_page(at, path)) == SIGN_IN_NEEDED for path in ("map", "overview", "export"))
    at = sign_in(new_app().run(), "asel", PASSWORD)  # the default address's sidebar form
    assert reaches(at, "edit") and reaches(at, "map")


def test_a_visitor_following_a_link_to_the_edit_page_signs_in_there_and_gets_it(people_app):
    at = open_page(new_app().run(), "edit")
    assert not at.exception
    assert title(at) == SIGN_IN_NEEDED
    assert not [t for t in at.sidebar.text_input if t.key == "auth_username"]  # one form, in the page
    at.text_input(key="auth_page_username").input("asel")
    at.text_input(key="auth_page_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert title(at) == "Нысанды өзгерту"


def test_oidc_configured_but_nobody_signed_in_does_not_break_the_page(people_app):
    at = new_app()
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "tracker",
        "client_secret": "s",
        "server_metadata_url": "http://localhost:1/.well-known/openid-configuration",
    }
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert any(b.key == "auth_oidc" for b in at.sidebar.button)


def test_an_oidc_identity_gets_the_role_from_our_users_table(people_app):
    at = new_app()
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "tracker",
        "client_secret": "s",
        "server_metadata_url": "http://localhost:1/.well-known/openid-configuration",
    }
    at.user = {"is_logged_in": True, "email": "AIGERIM@ngo.kz", "sub": "idp-7"}
    at.run()
    assert not at.exception
    assert "Кірген: **Айгерім** · қоғамдық бақылаушы (ҮЕҰ)" in [m.value for m in at.sidebar.markdown]
    assert reaches(at, "visits") and not reaches(at, "edit")
    stranger = new_app()
    stranger.secrets["auth"] = at.secrets["auth"]
    stranger.user = {"is_logged_in": True, "email": "who@else.kz", "sub": "idp-8"}
    stranger.run()
    assert not stranger.exception
    assert any("тіркелмеген" in w.value for w in stranger.sidebar.warning)
    assert not reaches(stranger, "visits")


def test_a_new_database_says_how_to_make_the_first_administrator(demo_copy, use_data_dir):
    data_dir = use_data_dir(demo_copy)
    at = new_app().run()
    assert not at.exception
    hint = "tracker users add --role admin"
    assert any(hint in info.value for info in at.sidebar.info)

    db = Database.at(f"sqlite:///{data_dir / 'tracker.db'}")
    add_user(db, SYSTEM, {"username": "first", "display_name": "Әкімші", "role": "admin"}, PASSWORD)
    db.dispose()
    at.run()
    assert not any(hint in info.value for info in at.sidebar.info)


def _users_page_on(at: AppTest, username: str) -> AppTest:
    at = open_page(sign_in(at, "boss", "admin-" + PASSWORD), "users")
    return at.selectbox(key="users_chosen").select(username).run()


def test_a_stale_disable_click_is_refused_and_the_person_keeps_the_state_another_admin_gave(people_app):
    at = _users_page_on(new_app().run(), "asel")
    assert at.button(key="users_toggle_asel").label == "Өшіру"  # asel is active on this screen
    db = Database(people_app)
    set_active(db, SYSTEM, "asel", False, get_user(db, "asel").version)  # another administrator, meanwhile
    at.button(key="users_toggle_asel").click().run()
    assert not at.exception
    assert any("басқа біреу өзгертті" in e.value and "пайдаланушы asel" in e.value for e in at.error)
    assert not get_user(db, "asel").active  # not switched back on by the stale click
    at.button(key="users_reload").click().run()
    assert at.button(key="users_toggle_asel").label == "Қосу"
    at.button(key="users_toggle_asel").click().run()
    assert not at.exception and get_user(db, "asel").active


def test_a_stale_edit_of_a_person_is_refused_and_the_first_save_kept(people_app):
    at = _users_page_on(new_app().run(), "asel")
    db = Database(people_app)
    kept_version = get_user(db, "asel").version
    update_user(db, SYSTEM, "asel", {"organisation": "Талдықорған қ. әкімдігі"}, get_user(db, "asel").version)
    at.text_input(key=f"users_edit_asel_{kept_version}_name").input("Әсел Н.")
    next(b for b in at.button if b.label == "Сақтау").click().run()
    assert not at.exception
    assert any("басқа біреу өзгертті" in e.value for e in at.error)
    kept = get_user(db, "asel")
    assert (kept.display_name, kept.organisation) == ("Әсел *Нұрланқызы*", "Талдықорған қ. әкімдігі")


def test_choosing_another_person_shows_their_values_and_a_save_writes_only_what_changed(people_app):
    db = Database(people_app)
    at = _users_page_on(new_app().run(), "boss")
    boss = get_user(db, "boss")
    assert at.text_input(key=f"users_edit_boss_{boss.version}_name").value == "Әкімші"
    at = at.selectbox(key="users_chosen").select("asel").run()
    asel = get_user(db, "asel")
    form = f"users_edit_asel_{asel.version}"
    assert at.text_input(key=f"{form}_name").value == "Әсел *Нұрланқызы*"  # not the administrator's
    assert at.selectbox(key=f"{form}_role").value.value == "district_editor"
    at.text_input(key=f"{form}_org").input("Талдықорған қ. әкімдігі")
    next(b for b in at.button if b.label == "Сақтау").click().run()
    assert not at.exception
    saved = get_user(db, "asel")
    assert (saved.display_name, saved.role.value, saved.districts) == (
        "Әсел *Нұрланқызы*",
        "district_editor",
        ("331000000",),
    )
    assert saved.organisation == "Талдықорған қ. әкімдігі"
    with db.read() as store:
        changed = {e.field for e in store.users.history(saved.id) if e.version == saved.version}
    assert changed == {"organisation"}


def test_under_a_base_url_path_the_page_hands_the_session_to_the_route_there(people_app):
    from streamlit import config

    before = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", "tracker")  # as `--server.baseUrlPath tracker` would
    try:
        at = sign_in(new_app().run(), "asel", PASSWORD)
    finally:
        config.set_option("server.baseUrlPath", before)
    scripts = [element.proto.body for element in at.get("html")]
    assert any('fetch("/tracker/_tracker/session"' in body for body in scripts), scripts

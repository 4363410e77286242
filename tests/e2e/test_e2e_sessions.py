"""Sessions like a web app's, in Chromium: an HttpOnly cookie keeps the person signed in across
reloads, tabs and bookmarks; signing out in one tab ends the others; a signed-out deep link asks
to sign in and returns there; a draft of the edit form survives a reload."""

import pytest

from tests.support.browser import after, go, new_page, open_url, quiet, reload, sign_in, watch
from tests.support.streamlit_server import TALDYKORGAN, add_district_editor, demo_database, first_object, serving
from tracker.services import handoff
from tracker.services.actor import SYSTEM
from tracker.services.users import add_user

PASSWORD = "Sessions-secret-2025"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "sessions")
    add_district_editor(db, PASSWORD)
    add_user(db, SYSTEM, {"username": "dana", "display_name": "Дана", "role": "monitor"}, PASSWORD)
    fid, _version = first_object(db)
    with serving(data_dir, db) as server:
        yield server, db, fid


def signed_in(page) -> bool:
    return page.locator('[data-testid="stSidebar"]').get_by_text("Кірген:").count() > 0


def session_cookie(context) -> dict:
    """The session cookie once the page has handed the session over (a POST after signing in)."""
    for _ in range(240):
        found = [c for c in context.cookies() if c["name"] == handoff.COOKIE_NAME]
        if found:
            return found[0]
        context.pages[0].wait_for_timeout(250)
    raise AssertionError("no session cookie was set")


@pytest.mark.browser
def test_reload_new_tab_and_bookmark_stay_signed_in_and_signing_out_ends_every_tab(site, browser, tmp_path):
    server, _, _ = site
    first = new_page(browser, locale="kk-KZ")
    context = first.context
    sign_in(first, server, "asel", PASSWORD)
    cookie = session_cookie(context)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert handoff.COOKIE_NAME not in first.evaluate("document.cookie")  # no script can read it

    reload(first)
    assert signed_in(first)
    first.screenshot(path=str(tmp_path / "reload-keeps-session.png"))

    second = watch(context.new_page())  # a new tab, opened on a bookmark of a district
    open_url(second, f"{server.url}/district?kato={TALDYKORGAN}")
    assert signed_in(second)
    assert "Талдықорған" in second.locator('[data-testid="stMain"] h1').first.inner_text()

    first.bring_to_front()
    first.locator('[data-testid="stSidebar"]').get_by_role("button", name="Шығу", exact=True).click()
    first.locator('[data-testid="stSidebar"]').get_by_label("Пайдаланушы аты").wait_for(timeout=60_000)

    second.bring_to_front()
    go(second, "Карта")  # the next thing done in the other tab finds the session ended
    second.get_by_text("Сессия аяқталды: қайта кіріңіз.").wait_for(timeout=60_000)
    assert not signed_in(second)
    reload(second)
    assert not signed_in(second)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "asks", "username", "password", "button", "title"),
    [
        ("kk", "Кіру қажет", "Пайдаланушы аты", "Құпиясөз", "Кіру", "Нысанды өзгерту"),
        ("ru", "Требуется вход", "Имя пользователя", "Пароль", "Войти", "Редактирование объекта"),
    ],
)
def test_a_signed_out_deep_link_asks_to_sign_in_and_returns_there(
    site, browser, lang, asks, username, password, button, title
):
    server, _, fid = site
    page = new_page(browser, viewport={"width": 390, "height": 844}, locale=f"{lang}-KZ")
    context = page.context
    open_url(page, f"{server.url}/edit?id={fid}&lang={lang}")
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h1").first.inner_text() == asks
    assert page.get_by_text("Page not found").count() == 0
    main.get_by_label(username).fill("asel")
    main.get_by_label(password).fill(PASSWORD)
    main.get_by_role("button", name=button).click()
    page.wait_for_function(
        "t => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText === t", arg=title, timeout=60_000
    )
    quiet(page)
    assert f"id={fid}" in page.url and "/edit" in page.url
    assert main.get_by_text(f"{fid} ·").count() or main.get_by_text(str(fid)).count()
    context.close()


@pytest.mark.browser
def test_a_reload_in_the_middle_of_the_edit_form_keeps_what_was_typed(site, browser, tmp_path):
    server, db, fid = site
    page = new_page(browser, locale="kk-KZ")
    context = page.context
    sign_in(page, server, "asel", PASSWORD)
    session_cookie(context)
    open_url(page, f"{server.url}/edit?id={fid}")
    contractor = page.get_by_label("Мердігер")
    contractor.fill("ТОО «Жаңа мердігер» 2025")
    after(page, lambda: contractor.press("Tab"))  # leaving the field sends it, as it does for a person moving on
    reload(page)
    assert page.get_by_label("Мердігер").input_value() == "ТОО «Жаңа мердігер» 2025"
    page.get_by_text("Сақталмаған өзгерістеріңіз қалпына келтірілді").wait_for(timeout=60_000)
    page.screenshot(path=str(tmp_path / "draft-after-reload.png"), full_page=True)
    with db.read() as store:
        assert store.facilities.require(fid).model.contractor != "ТОО «Жаңа мердігер» 2025"  # not saved yet
    after(page, page.get_by_role("button", name="Өзгерістерден бас тарту").click)
    assert page.get_by_label("Мердігер").input_value() != "ТОО «Жаңа мердігер» 2025"
    reload(page)
    assert page.get_by_label("Мердігер").input_value() != "ТОО «Жаңа мердігер» 2025"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "refused", "for_admin", "for_editors", "back", "overview"),
    [
        (
            "kk",
            "Бұл бет сіздің рөліңізге ашық емес",
            "арналған: әкімші.",
            "әкімші, менеджер, аудан редакторы",
            "Шолуға оралу",
            "Бейімдеу барысы",
        ),
        (
            "ru",
            "Эта страница недоступна вашей роли",
            "для ролей: администратор.",
            "администратор, менеджер, редактор района",
            "Вернуться к обзору",
            "Ход адаптации",
        ),
    ],
)
def test_a_page_the_role_does_not_open_and_the_overview_by_name_answer_in_the_readers_language(
    site, browser, tmp_path, lang, refused, for_admin, for_editors, back, overview
):
    server, _, fid = site
    page = new_page(browser, locale=f"{lang}-KZ")
    context = page.context
    sign_in(page, server, "dana", PASSWORD)  # a monitor
    session_cookie(context)
    main = page.locator('[data-testid="stMain"]')
    open_url(page, f"{server.url}/users?lang={lang}")
    assert main.locator("h1").first.inner_text() == refused
    assert main.get_by_text(for_admin).count() == 1
    assert page.get_by_text("Page not found").count() == 0
    open_url(page, f"{server.url}/edit?id={fid}&lang={lang}")
    assert main.locator("h1").first.inner_text() == refused
    assert main.get_by_text(for_editors).count() == 1
    assert page.get_by_text("Page not found").count() == 0
    page.screenshot(path=str(tmp_path / f"role-refused-{lang}.png"))
    after(page, main.get_by_role("link", name=back).click)
    assert page.url.split("?")[0].rstrip("/") == server.url.rstrip("/")
    assert main.locator("h1").first.inner_text() == overview
    assert page.get_by_text("Page not found").count() == 0
    context.close()

    anonymous = new_page(browser, locale=f"{lang}-KZ")
    open_url(anonymous, f"{server.url}/overview?lang={lang}")
    assert anonymous.locator('[data-testid="stMain"] h1').first.inner_text() == overview
    assert anonymous.get_by_text("Page not found").count() == 0
    anonymous.context.close()

"""Single sign-on through ``st.login`` against a mock OpenID provider on loopback; the role still
comes from our users table (matched by e-mail), and an unknown identity gets no role at all."""

import pytest

from tests.conftest import missing
from tests.support.browser import after, open_url
from tests.support.streamlit_server import StreamlitServer
from tracker.ops.replicas import free_port
from tracker.services.actor import SYSTEM
from tracker.services.setup import initialise
from tracker.services.users import add_user
from tracker.storage.database import Database

# pytest-xdist --dist loadgroup: this module's server is started by one worker only.
pytestmark = pytest.mark.xdist_group("e2e_oidc")


def _secrets_server(data_dir, secrets, port: int) -> StreamlitServer:
    """``streamlit run`` with a secrets file (the ``[auth]`` section) and a port known in advance."""
    return StreamlitServer(
        data_dir, env={"TRACKER_DEMO_ON_EMPTY": "false"}, args=("--secrets.files", str(secrets)), port=port
    )


@pytest.fixture(scope="module")
def sso(tmp_path_factory):
    try:
        from oidc_provider_mock import run_server_in_thread
    except ImportError:
        missing("oidc-provider-mock is not installed")
    data_dir = tmp_path_factory.mktemp("oidc")
    db = Database.at(f"sqlite:///{data_dir / 'tracker.db'}")
    initialise(db)
    add_user(
        db,
        SYSTEM,
        {
            "username": "aigerim",
            "display_name": "Айгерім Сейітова",
            "role": "monitor",
            "email": "aigerim@ngo.kz",
            "organisation": "«Тең қоғам»",
        },
    )
    db.dispose()
    with run_server_in_thread() as provider:
        port = free_port()
        secrets = data_dir / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "a-test-cookie-secret-of-enough-length"\n'
            'client_id = "tracker-test"\n'
            'client_secret = "tracker-test-secret"\n'
            f'server_metadata_url = "http://localhost:{provider.server_port}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        server = _secrets_server(data_dir, secrets, port)
        try:
            yield server
        finally:
            server.stop()


def _sign_in_at_the_provider(page, server, subject: str) -> None:
    open_url(page, server.url)
    page.get_by_role("button", name="Ұйымның бірыңғай кіру жүйесі арқылы кіру").click()
    page.locator('input[name="sub"]').fill(subject)  # on the provider's page, once it has loaded
    after(page, page.get_by_role("button", name="Authorize").click)  # back to the app: a new session
    page.wait_for_url(f"{server.url}/**")


@pytest.mark.browser
def test_a_registered_person_signs_in_by_sso_with_the_role_from_our_table(sso, page):
    _sign_in_at_the_provider(page, sso, "aigerim@ngo.kz")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Кірген:").wait_for()
    assert "Айгерім Сейітова" in sidebar.inner_text() and "қоғамдық бақылаушы (ҮЕҰ)" in sidebar.inner_text()
    assert page.locator('[data-testid="stSidebarNav"] a', has_text="Мониторингтік тексерулер").count() == 1
    assert page.locator('[data-testid="stSidebarNav"] a', has_text="Нысанды өзгерту").count() == 0


@pytest.mark.browser
def test_an_unknown_identity_gets_no_role(sso, page):
    _sign_in_at_the_provider(page, sso, "stranger@example.kz")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("тіркелмеген").wait_for()
    assert "Кірген:" not in sidebar.inner_text()
    assert page.locator('[data-testid="stSidebarNav"] a', has_text="Мониторингтік тексерулер").count() == 0

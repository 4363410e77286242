"""The one way to link between pages: a ``st.page_link`` or a relative URL that keeps the language."""

import streamlit as st

from tracker.ui import context


def page_url(url_path: str, lang: str, **params: object) -> str:
    """Relative link to a page, for link columns of tables (``object?id=7&lang=kk``)."""
    query = "&".join(f"{k}={v}" for k, v in ({k: str(v) for k, v in params.items()} | {"lang": lang}).items())
    return f"{url_path}?{query}"


def object_url(facility_id: int, lang: str) -> str:
    return page_url("object", lang, id=int(facility_id))


def page_link(url_path: str, text: str, lang: str, icon: str | None = None, **params: object) -> None:
    """A link to another page that keeps the language (``?lang=``) and ``params``.

    Nothing is shown when the app's menu for this person lacks the page (a role that may not open
    it). A page rendered on its own has no menu; Streamlit routes a link by its URL path alone, so
    a stand-in page with that path is enough then.
    """
    shown = context.pages()
    if shown is not None and url_path not in shown:
        return
    target = shown[url_path] if shown is not None else st.Page(lambda: None, url_path=url_path, title=text)
    query = {k: str(v) for k, v in params.items()} | {"lang": lang}
    st.page_link(target, label=text, icon=icon, query_params=query)

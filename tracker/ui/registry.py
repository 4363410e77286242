"""The pages of the app, in menu order. A page is listed here once; app.py builds the menu."""

from dataclasses import dataclass
from typing import Callable

from tracker.ui.pages import map_page, overview


@dataclass(frozen=True)
class PageSpec:
    url_path: str
    title_key: str  # i18n key of the menu entry
    render: Callable[[], None]
    icon: str | None = None
    default: bool = False


PAGES: list[PageSpec] = [
    PageSpec("overview", "nav.overview", overview.render, icon=":material/dashboard:", default=True),
    PageSpec("map", "nav.map", map_page.render, icon=":material/map:"),
]

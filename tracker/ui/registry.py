"""The pages of the app, in menu order. A page is listed here once; app.py builds the menu."""

from collections.abc import Callable
from dataclasses import dataclass

from tracker.ui.pages import (
    audit,
    coverage,
    discrepancies,
    district,
    edit_object,
    export_page,
    gaps,
    import_page,
    map_page,
    object_page,
    overview,
    proposals,
    sources_page,
    users,
    visits,
)


@dataclass(frozen=True)
class PageSpec:
    url_path: str
    title_key: str  # i18n key of the menu entry
    render: Callable[[], None]
    icon: str | None = None
    default: bool = False
    #: Roles (``tracker.services.actor.Role`` values) that see the page; None: everyone, public too.
    roles: frozenset[str] | None = None
    #: Reached by links only (e.g. ``district?kato=…``), not listed in the menu.
    hidden: bool = False


PAGES: list[PageSpec] = [
    PageSpec("overview", "nav.overview", overview.render, icon=":material/dashboard:", default=True),
    PageSpec("map", "nav.map", map_page.render, icon=":material/map:"),
    PageSpec("district", "dashboards.nav.district", district.render, icon=":material/location_city:", hidden=True),
    PageSpec("object", "dashboards.nav.object", object_page.render, icon=":material/apartment:", hidden=True),
    PageSpec(
        "edit",
        "editing.nav",
        edit_object.render,
        icon=":material/edit:",
        roles=frozenset({"admin", "manager", "district_editor"}),
    ),
    PageSpec(
        "visits",
        "visits.nav",
        visits.render,
        icon=":material/fact_check:",
        roles=frozenset({"admin", "manager", "district_editor", "monitor"}),
    ),
    PageSpec(
        "audit",
        "audit.nav",
        audit.render,
        icon=":material/checklist:",
        roles=frozenset({"admin", "manager", "district_editor", "monitor"}),
    ),
    PageSpec(
        "proposals",
        "proposals.nav",
        proposals.render,
        icon=":material/approval:",
        roles=frozenset({"admin", "manager"}),
    ),
    PageSpec("claimed-vs-verified", "discrepancy.nav", discrepancies.render, icon=":material/rule:"),
    PageSpec("users", "users.nav", users.render, icon=":material/group:", roles=frozenset({"admin"})),
    PageSpec("coverage", "coverage.nav", coverage.render, icon=":material/accessible:"),
    PageSpec("priorities", "coverage.nav_gaps", gaps.render, icon=":material/priority_high:"),
    PageSpec(
        "import",
        "io.nav.import",
        import_page.render,
        icon=":material/upload_file:",
        roles=frozenset({"admin", "manager", "district_editor"}),
    ),
    PageSpec("export", "io.nav.export", export_page.render, icon=":material/download:"),
    PageSpec("sources", "method.nav", sources_page.render, icon=":material/menu_book:"),
]

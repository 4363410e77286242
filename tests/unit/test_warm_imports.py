"""The start-up warm-up runs outside any script run, where Streamlit does not register components.

A module that declares a component when it is imported must therefore never be imported by the
warm-up first: its component would stay unregistered and every map drawn with it would be blank.
"""

import subprocess
import sys

DECLARED_ON_IMPORT = ("streamlit_folium", "tracker.ui.components.near_me")


def test_the_warm_up_imports_no_module_that_declares_a_component_on_import():
    probe = (
        "import sys, tracker.ui.warm as w; from tracker.ui.pages import map_page; "
        "map_page.warm = lambda: None; w.warm(); "  # everything the warm-up imports, without its reads
        f"print([m for m in {DECLARED_ON_IMPORT!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"

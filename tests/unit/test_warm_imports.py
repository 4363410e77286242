"""The start-up warm-up imports the pages outside any script run, where Streamlit does not
register the components those modules declare; the first script runs register them."""

import sys
import types

from streamlit.components.lib.local_component_registry import LocalComponentRegistry
from streamlit.components.v1 import declare_component

from tracker.ui import startup


def test_a_component_declared_outside_a_script_run_is_registered_by_the_first_runs(tmp_path, monkeypatch):
    module = types.ModuleType("imported_by_the_warm_up")
    module.component = declare_component("probe", path=str(tmp_path))  # no script run: not registered
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(startup, "_ALL_REGISTERED", type(startup._ALL_REGISTERED)())
    registry = LocalComponentRegistry()
    assert registry.get_component_path(module.component.name) is None

    startup.register_declared(registry)

    assert registry.get_component_path(module.component.name) == str(tmp_path)

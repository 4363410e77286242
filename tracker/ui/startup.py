"""What the start-up warm-up and the script runs share: whether it has finished, and the
components its imports declared while no script was running."""

import sys
import threading

#: Set when the warm-up has finished (or failed): ``serve.py`` answers its readiness route with it.
READY = threading.Event()

_ALL_REGISTERED = threading.Event()


def register_declared(registry) -> None:
    """Register the components that modules declared while no script was running.

    Streamlit registers a component only when it is declared inside a script run; the warm-up
    imports the pages (streamlit-folium, the near-me button declare theirs on import) outside
    one, so without this their frames would answer 404. Called at the start of every script run
    until the warm-up has finished and one pass found everything; then it costs nothing.
    """
    if _ALL_REGISTERED.is_set():
        return
    from streamlit.components.v1.custom_component import CustomComponent

    finished = READY.is_set()
    for module in list(sys.modules.values()):
        for value in list(getattr(module, "__dict__", {}).values()):
            if isinstance(value, CustomComponent) and registry.get_component_path(value.name) != value.abspath:
                registry.register_component(value)
    if finished:
        _ALL_REGISTERED.set()

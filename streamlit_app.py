"""Entry point: ``streamlit run streamlit_app.py``."""

from tracker.ui.app import run

run()

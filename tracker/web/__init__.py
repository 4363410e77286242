"""HTTP routes served beside the app (the Starlette side of ``serve.py``)."""

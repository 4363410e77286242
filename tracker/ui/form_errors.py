"""Errors of a save, told in the person's language by their code.

The translation itself is ``tracker.i18n.errors`` (the command line says the same lines).
"""

from tracker.i18n.errors import field_label, messages

__all__ = ["field_label", "messages"]

"""Sub-commands of the ``tracker`` CLI, each in its own module registered by ``tracker/cli.py``."""

"""An HTML element whose text is inserted as it is, never read as a template.

``branca.element.Element(text)`` compiles ``text`` as a Jinja template: a name containing
``{{ 7*7 }}`` would be evaluated on the server (it renders as 49), and lexing megabytes of data
as a template is slow. Text that carries data goes through `RawHtml` instead.
"""

from branca.element import Element
from jinja2 import Template


class RawHtml(Element):
    """``text`` placed in the page as it is (build it from escaped parts)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawHtml"
        self.text = text

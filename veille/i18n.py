"""The marker of the French texts of `veille` that the web UI shows and translates.

veille itself speaks French (command line, emails, printed dossiers). A label the web UI
shows too (a facet's name, a sector, an alert's frequency…) is written `N_("…")`: gettext's
no-op marker, which returns the text unchanged, so that Babel's extraction (babel.cfg)
puts it in the web UI's catalogue and the web UI can translate it when it shows it.
"""


def N_(text: str) -> str:
    """Mark `text` for the web UI's translation catalogue; return it unchanged."""
    return text

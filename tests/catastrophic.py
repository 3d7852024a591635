"""A regular expression that makes a backtracking engine run for nothing, and an item it does.

Python's `re` tries every way of cutting TEXT into words before it finds the empty match at
its end: some 25 seconds on the machine these tests were written on, twice as long with each
letter more (a real article: longer than anyone would wait), holding the GIL all along. RE2
answers at once. Rules run on RE2 (veille/enrich/regex.py); these tests check that a rule
with PATTERN answers within PROMPTLY seconds everywhere a rule runs.
"""

PATTERN = r"(\w+\s?)*$"  # nested quantifiers over \w
TITLE = "Offre"
TEXT = "é" * 22 + "!"
PROMPTLY = 5  # seconds: RE2 takes milliseconds here, Python's re far more
# What the web tests import (tests/webui/conftest.py `import_records`).
RECORD = {"id": "backtracking", "published": "2026-04-01T09:00:00+02:00", "title": TITLE,
          "content": TEXT, "source": "Offres du jour", "kind": "news"}


def feed() -> bytes:
    """An RSS feed of one entry holding TITLE and TEXT."""
    return ('<rss version="2.0"><channel><title>Offres du jour</title><item>'
            f"<title>{TITLE}</title><link>https://exemple.test/offres/1</link>"
            f"<description>{TEXT}</description></item></channel></rss>").encode()

"""Names people give things: one line, without the invisible characters collected texts lose."""

import pytest

from veille.errors import InvalidRequest
from veille.text.labels import one_line


def test_a_name_is_one_line_without_invisible_characters():
    assert one_line("  Forum\u202e de\u200b\n l'emploi\u00ad ", "?") == "Forum de l'emploi"


def test_a_name_of_invisible_characters_alone_is_missing():
    with pytest.raises(InvalidRequest, match="Donnez un nom"):
        one_line("\u202e\u200b ", "Donnez un nom.")

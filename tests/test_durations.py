"""Collection intervals written as 30m, 1h, 2d."""

import pytest

from veille.durations import format_duration, parse_duration
from veille.errors import ConfigError


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("30m", 1800), ("1h", 3600), (" 2 H ", 7200), ("1d", 86400), ("3j", 259200),
     ("1w", 604800)],
)
def test_durations_are_read_in_seconds(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "1", "h", "0h", "-1h", "1.5h", "1y", "une heure"])
def test_a_wrong_duration_says_what_is_expected(text):
    with pytest.raises(ConfigError, match="e.g. 30m, 1h, 2d"):
        parse_duration(text)


@pytest.mark.parametrize("seconds", [45, 60, 5400, 3600, 86400, 604800, 90061])
def test_formatting_a_duration_reads_back_the_same(seconds):
    assert parse_duration(format_duration(seconds)) == seconds

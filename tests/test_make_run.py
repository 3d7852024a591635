"""`make run` on a fresh instance answers searches over the starter resources."""

import json
import os
import signal
import subprocess
import time
import urllib.request

import pytest

from tests.conftest import DATA, ROOT
from tests.liveserver import free_port


@pytest.mark.slow
def test_make_run_answers_a_search_for_competences_within_two_minutes(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("VEILLE_")},
        "VEILLE_INSTANCE": str(tmp_path / "instance"),
        "VEILLE_PORT": str(port),
        # The shipped watch list names real sites; these machines must not try to reach them.
        "VEILLE_SOURCES_FILE": str(DATA / "config" / "sources.toml"),
    }
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output = []
        for line in process.stdout:
            output.append(line)
            if line.startswith("veille: http://"):
                break
        assert output and output[-1].startswith("veille: http://"), "".join(output)
        url = f"http://127.0.0.1:{port}/api/search?q=comp%C3%A9tences"
        with urllib.request.urlopen(url, timeout=30) as response:
            found = json.load(response)
        assert found["total"] > 0
        assert time.monotonic() - started < 120
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        process.stdout.close()

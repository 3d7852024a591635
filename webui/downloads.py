"""CSV files the web UI hands over as downloads (the hiring needs of a job, of a territory,
the trends page's jobs in tension): veille writes them into the answer, an attachment."""

import io
from collections.abc import Callable
from typing import TextIO

from flask import Response


def csv_download(name: str, write: Callable[[TextIO], object]) -> Response:
    """The CSV `write` writes, as the attachment `name`."""
    out = io.StringIO()
    write(out)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})

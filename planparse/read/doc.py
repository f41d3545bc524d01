"""Text of a legacy Word .doc (OLE2) through an external converter.

Tried in order, the first one installed that succeeds wins: ``antiword``, ``catdoc``,
``libreoffice``/``soffice --headless --convert-to txt``. None installed: an
:class:`UnsupportedFormatError` that says what to install. Every run has a timeout, so a
converter that hangs on a strange file cannot hang planparse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from ..errors import ConverterError, UnsupportedFormatError
from .encoding import decode_bytes

TIMEOUT = 120  # seconds per converter run
INSTALL_HINT = "install one of: antiword (apt-get install antiword), catdoc, or LibreOffice"


def _run(cmd: list[str], *, cwd: str | None = None) -> bytes:
    proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, cwd=cwd, check=False,
                          env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConverterError(f"{cmd[0]} exited with {proc.returncode}: {err[-1] if err else ''}")
    return proc.stdout


def _antiword(exe: str, path: str) -> bytes:
    return _run([exe, "-m", "UTF-8.txt", "-w", "0", path])


def _catdoc(exe: str, path: str) -> bytes:
    return _run([exe, "-d", "utf-8", "-w", path])


def _soffice(exe: str, path: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="planparse-doc-") as out:
        _run([exe, "--headless", "--norestore", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out, path])
        name = os.path.splitext(os.path.basename(path))[0] + ".txt"
        target = os.path.join(out, name)
        if not os.path.isfile(target):
            raise ConverterError(f"{exe} wrote no {name}")
        with open(target, "rb") as fh:
            return fh.read()


CONVERTERS = (("antiword", _antiword), ("catdoc", _catdoc), ("libreoffice", _soffice), ("soffice", _soffice))


def available_converters() -> list[str]:
    """Names of the converters found on PATH, in the order they are tried."""
    return [name for name, _ in CONVERTERS if shutil.which(name)]


def doc_to_text(path: str) -> tuple[str, str]:
    """(text, converter name) of the .doc at ``path``.

    Raises:
        UnsupportedFormatError: no converter is installed.
        ConverterError: every installed converter failed.
    """
    errors: list[str] = []
    tried_soffice = False
    for name, fn in CONVERTERS:
        exe = shutil.which(name)
        if not exe:
            continue
        if fn is _soffice:
            if tried_soffice:
                continue
            tried_soffice = True
        try:
            data = fn(exe, os.path.abspath(path))
        except (ConverterError, subprocess.TimeoutExpired, OSError) as e:
            errors.append(f"{name}: {e}")
            continue
        text = decode_bytes(data, where=f"{path} via {name}").text if data.strip() else ""
        if text.strip():
            return text, name
        errors.append(f"{name}: no text")
    if not errors:
        raise UnsupportedFormatError(f"{path}: .doc needs a converter; {INSTALL_HINT}", path=path)
    raise ConverterError(f"{path}: every .doc converter failed ({'; '.join(errors)})", path=path)

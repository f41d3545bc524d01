"""The command line: one-line errors, documented exit codes, valid JSON."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import SHARED, needs_shared


def run(*args, input_bytes=None):
    return subprocess.run([sys.executable, "-m", "planparse", *args], capture_output=True, timeout=120)


def _one_line_error(p):
    err = p.stderr.decode("utf-8").strip()
    assert p.returncode != 0
    assert err.count("\n") == 0, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("binary.txt", bytes(range(256)) * 8, "PP105"),
        ("empty.txt", b"", "PP103"),
        ("blank.txt", b"  \n\n ", "PP103"),
    ],
    ids=["binary", "empty", "blank"],
)
def test_bad_files_give_one_line_errors(tmp_path, name, content, code):
    f = tmp_path / name
    f.write_bytes(content)
    p = run("parse", str(f))
    err = _one_line_error(p)
    assert code in err
    assert p.returncode == 3


def test_missing_file(tmp_path):
    p = run("parse", str(tmp_path / "nope.txt"))
    assert "PP102" in _one_line_error(p)
    assert p.returncode == 3


def test_usage_error_exit_2():
    p = run("parse")
    _one_line_error(p)
    assert p.returncode == 2


def test_batch_parse_keeps_going(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("社区工作计划\n一、工作目标\n", encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"")
    p = run("parse", str(good), str(bad), "--format", "jsonl")
    assert p.returncode == 1
    lines = [json.loads(x) for x in p.stdout.decode("utf-8").splitlines()]
    assert len(lines) == 2
    assert lines[0]["schema_version"] == "1"
    assert lines[1]["code"] == "PP103"


def test_version_and_schema():
    # the version, and which build is in use (setup.py's optional mypyc build, planparse/_build.py)
    assert re.fullmatch(r"planparse \S+ \((pure Python|compiled with mypyc \(\d+ of \d+ modules\))\)\n",
                        run("--version").stdout.decode())
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "ParseResult"


@needs_shared
def test_seed_output_validates_against_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run("schema").stdout)
    files = sorted((SHARED / "corpora" / "seed").glob("*.txt"))
    p = run("parse", *map(str, files), "--format", "json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    docs = out if isinstance(out, list) else [out]
    for d in docs:
        jsonschema.validate(d, schema)


def test_include_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("社区工作计划\r\n一、工作目标\r\n", encoding="utf-8")
    out = json.loads(run("parse", str(f), "--include-text").stdout)
    assert out["source"]["text"] == "社区工作计划\r\n一、工作目标\r\n"  # no newline translation


def test_demo_runs():
    p = run("demo", "--no-color")
    assert p.returncode == 0, p.stderr
    assert "planparse demo" in p.stdout.decode("utf-8")


def test_run_ends_a_batch_process_without_the_teardown(monkeypatch):
    # `planparse` and `python -m planparse`: main()'s code; after a command that asks for it (batch),
    # the atexit handlers run and the streams are flushed, then os._exit skips the interpreter's teardown
    import atexit
    import os
    import threading

    import planparse.cli as cli

    calls = []

    class Exited(Exception):
        pass

    def fake_exit(code):
        calls.append(("_exit", code))
        raise Exited

    monkeypatch.setattr(threading, "active_count", lambda: 1)  # earlier tests may have left threads
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: calls.append("atexit"))
    monkeypatch.setattr(os, "_exit", fake_exit)
    monkeypatch.setattr(cli, "_run_command", lambda argv: (1, True))
    with pytest.raises(Exited):
        cli.run()
    assert calls == ["atexit", ("_exit", 1)]
    calls.clear()
    monkeypatch.setattr(cli, "_run_command", lambda argv: (2, False))  # any other command: a normal exit
    with pytest.raises(SystemExit) as e:
        cli.run()
    assert e.value.code == 2 and not calls
    monkeypatch.setattr(cli, "_run_command", lambda argv: (1, True))
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # another thread: the teardown waits for it
    with pytest.raises(SystemExit) as e:
        cli.run()
    assert e.value.code == 1 and not calls
    assert cli.build_parser().parse_args(["batch", "x", "-o", "y"]).exit_without_teardown
    assert not getattr(cli.build_parser().parse_args(["parse", "x"]), "exit_without_teardown", False)

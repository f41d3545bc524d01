"""The README tells the truth: its interactive examples run and print what it shows.

The ``pycon`` blocks are doctests run here against the real call (the graph question:
which units own tasks in the rehabilitation plans). The pasted outputs of batch, DuckDB and
compare are checked by running ``python docs/readme_examples.py --check`` (a batch run on the
bundled corpus, ~5 s); ``--write`` refreshes them.
"""

from __future__ import annotations

import doctest
import re
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED

README = (ROOT / "README.md").read_text(encoding="utf-8")
_PYCON = re.compile(r"```pycon\n(.*?)```", re.S)


def _pycon_blocks() -> list[str]:
    return _PYCON.findall(README)


def _block_id(block: str) -> str:
    return "shared-seed" if "../shared" in block else "bundled"


@pytest.mark.parametrize("block", _pycon_blocks(), ids=_block_id)
def test_readme_pycon_block_prints_what_it_shows(block, monkeypatch):
    if "../shared" in block:
        if not (SHARED / "corpora").is_dir():
            pytest.skip(f"../shared not found at {SHARED}")
        block = block.replace("../shared", SHARED.as_posix())
    import planparse
    from planparse.graph import build_graph, owners_of

    monkeypatch.chdir(ROOT)
    # each block may use the names an earlier block imported, as a reader's session would
    globs = {"planparse": planparse, "build_graph": build_graph, "owners_of": owners_of}
    test = doctest.DocTestParser().get_doctest(block, globs, "README", "README.md", 0)
    assert test.examples, "a pycon block without >>> examples"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out) + "\nrefresh with: python docs/readme_examples.py (see its docstring)"


def test_readme_has_a_graph_example_on_bundled_plans():
    assert any("bundled_plans()" in b and "owners_of" in b for b in _pycon_blocks())


def test_setup_commands_come_first_and_as_written():
    code = re.findall(r"```\w*\n(.*?)```", README, re.S)
    assert code[0].strip() == "pip install . && planparse demo"
    assert code[1].strip() == "pip install '.[test]' && pytest"


def test_command_table_lists_every_subcommand():
    from planparse.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "cmd")
    missing = [name for name in sub.choices if f"| `planparse {name}" not in README]
    assert not missing, f"README's command table lacks: {missing}"


def test_output_blocks_are_present():
    for name in ("batch", "duckdb", "compare"):
        m = re.search(rf"<!-- example: {name} -->\n```\n(.+?)```", README, re.S)
        assert m and m.group(1).strip(), f"README: empty or missing output block {name!r}"


def test_relative_links_resolve():
    links = re.findall(r"\]\(((?!https?://)[^)#]+)\)", README)
    assert "docs/evaluation.md" in links
    missing = [x for x in links if not (ROOT / x).exists()]
    assert not missing, f"README links to missing files: {missing}"


def test_readme_pasted_outputs_are_current():
    """Batch, export, DuckDB and compare outputs in the README are what the commands print now."""
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "readme_examples.py"), "--check"],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:] + "\nrefresh with: python docs/readme_examples.py --write"

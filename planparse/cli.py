"""The ``planparse`` command: a thin layer over the Python API.

Exit codes: 0 success; 1 some inputs failed (batch-like commands); 2 usage or
configuration error; 3 an input could not be read; 4 bad data or gold file;
5 internal stage failure (a bug); 130 interrupted.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import json
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from . import __version__
from .errors import ConfigError, PlanparseError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class _ArgParser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise ConfigError(message)


def _cmd_parse(a: argparse.Namespace) -> int:
    from .api import Pipeline
    from .config import ParseConfig
    from .models import ErrorRecord

    # The process ends after this command (its output file is closed below): skip the collector's
    # last pass at exit, which walks every object the pipeline holds (~70M instructions) only to
    # free what the OS frees anyway.
    atexit.register(gc.freeze)
    pipe = Pipeline(ParseConfig(include_text=a.include_text, ref_year=a.ref_year))
    out = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
    failed = 0
    single = len(a.files) == 1 and a.format == "json"
    try:
        results = []
        for f in a.files:
            try:
                r = pipe.parse_file(f)
            except PlanparseError as e:
                if single:
                    raise
                failed += 1
                _err(e)
                rec = ErrorRecord(path=str(f), error_type=type(e).__name__, code=e.code, message=e.message)
                if a.format == "jsonl":
                    out.write(rec.model_dump_json() + "\n")
                else:
                    results.append({"error": rec.model_dump(mode="json")})
                continue
            if a.format == "jsonl":
                out.write(r.model_dump_json() + "\n")
            elif single:
                out.write(r.model_dump_json(indent=a.indent) + "\n")
            else:
                results.append(r.model_dump(mode="json"))
        if a.format == "json" and not single:
            out.write(json.dumps(results, ensure_ascii=False, indent=a.indent) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return EXIT_PARTIAL if failed else EXIT_OK


def _cmd_text(a: argparse.Namespace) -> int:
    from .read import read_source

    doc = read_source(a.file)
    sys.stdout.write(doc.text)
    if not doc.text.endswith("\n"):
        sys.stdout.write("\n")
    return EXIT_OK


def _cmd_schema(a: argparse.Namespace) -> int:
    from .models import ParseResult

    print(json.dumps(ParseResult.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _cmd_eval(a: argparse.Namespace) -> int:
    from .eval import evaluate_dir, format_report

    report = evaluate_dir(a.dirs if len(a.dirs) > 1 else a.dirs[0], errors=a.errors)
    if a.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
    return EXIT_OK


def _cmd_view(a: argparse.Namespace) -> int:
    from .api import Pipeline
    from .config import ParseConfig
    from .export.html import render_html

    r = Pipeline(ParseConfig(include_text=True)).parse_file(a.file)
    text = r.source.text or ""
    page = render_html(r, text)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as fh:
            fh.write(page)
    else:
        sys.stdout.write(page)
    return EXIT_OK


def _cmd_graph(a: argparse.Namespace) -> int:
    from .api import Pipeline
    from .graph import build_graph, write_graph
    from .graph.io import graph_format

    graph_format(a.output)  # refuse an unknown extension before parsing anything
    pipe = Pipeline()
    results = []
    for f in a.files:
        try:
            results.append(pipe.parse_file(f))
        except PlanparseError as e:
            _err(e)
    G = build_graph(results)
    fmt = write_graph(G, a.output)
    sys.stderr.write(f"{a.output}: {fmt}, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges\n")
    return EXIT_OK if len(results) == len(a.files) else EXIT_PARTIAL


def _cmd_demo(a: argparse.Namespace) -> int:
    from .demo import run_demo

    return run_demo(a.file, color=not a.no_color)


class _Version(argparse.Action):
    """``planparse 0.1.0 (pure Python)``, or ``(compiled with mypyc …)``: the build is looked up only when asked."""

    def __call__(self, parser, namespace, values, option_string=None):
        from ._build import build_kind

        sys.stdout.write(f"planparse {__version__} ({build_kind()})\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    p = _ArgParser(prog="planparse", description="Chinese work plans to structured data.")
    p.add_argument("--version", action=_Version, nargs=0, help="show the version and the build in use, and exit")
    sub = p.add_subparsers(dest="cmd", parser_class=_ArgParser)

    sp = sub.add_parser("parse", help="parse files to the contract's JSON")
    sp.add_argument("files", nargs="+")
    sp.add_argument("--format", choices=["json", "jsonl"], default="json")
    sp.add_argument("-o", "--output")
    sp.add_argument("--indent", type=int, default=None)
    sp.add_argument("--include-text", action="store_true", help="put the decoded source text in source.text")
    sp.add_argument("--ref-year", type=int, default=None, help="year for relative periods when the plan states none")
    sp.set_defaults(fn=_cmd_parse)

    sp = sub.add_parser("text", help="print the text extracted from a file (offsets refer to it)")
    sp.add_argument("file")
    sp.set_defaults(fn=_cmd_text)

    sp = sub.add_parser("schema", help="print the JSON Schema of the output")
    sp.set_defaults(fn=_cmd_schema)

    sp = sub.add_parser("eval", help="score against NAME.txt + NAME.gold.json pairs")
    sp.add_argument("dirs", nargs="+", metavar="DIR", help="folders of NAME.txt + NAME.gold.json (pooled)")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--errors", action="store_true",
                    help="also list each file's misses, false positives and wrong attributes (text, offsets, values)")
    sp.set_defaults(fn=_cmd_eval)

    sp = sub.add_parser("view", help="write an HTML page showing every extracted span over the text")
    sp.add_argument("file")
    sp.add_argument("-o", "--output")
    sp.set_defaults(fn=_cmd_view)

    sp = sub.add_parser("graph", help="write the ownership graph of files (.graphml, .gexf or .json by -o)")
    sp.add_argument("files", nargs="+")
    sp.add_argument("-o", "--output", required=True, help="out.graphml, out.gexf or out.json (node-link)")
    sp.set_defaults(fn=_cmd_graph)

    sp = sub.add_parser("demo", help="parse a bundled sample and show what was found")
    sp.add_argument("file", nargs="?")
    sp.add_argument("--no-color", action="store_true")
    sp.set_defaults(fn=_cmd_demo)

    from .corpus import add_corpus_commands  # batch, export, compare (issue 7)

    add_corpus_commands(sub)
    return p


def _err(e: PlanparseError) -> None:
    sys.stderr.write(e.one_line() + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``planparse`` command; its exit code (the process goes on: tests and scripts call this)."""
    return _run_command(argv)[0]


def _run_command(argv: Sequence[str] | None) -> tuple[int, bool]:
    """The command's exit code, and whether it asked to end its process without the interpreter's
    teardown (see :func:`run`)."""
    try:
        a = build_parser().parse_args(argv)
        if not getattr(a, "fn", None):
            raise ConfigError("no command given; try 'planparse --help'")
        return a.fn(a), bool(getattr(a, "exit_without_teardown", False))
    except PlanparseError as e:
        _err(e)
        return e.exit_code, False
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130, False
    except BrokenPipeError:
        return EXIT_OK, False
    except Exception as e:  # a bug: still one line, never a traceback
        sys.stderr.write(f"error PP999 internal: {type(e).__name__}: {e} (please report)\n")
        return 5, False


def run() -> NoReturn:
    """The ``planparse`` console script and ``python -m planparse``: :func:`main`, then exit.

    After a command that asks for it (``batch``, whose process holds the pipeline its workers were
    forked from) the process ends once the ``atexit`` handlers have run and the standard streams are
    flushed, without the interpreter's teardown, which frees every object one by one only for the OS
    to free the memory anyway (``batch --jobs 2`` over 1,000 files: ~30-50 ms of wall time after the
    last output, on the run's critical path, against ~10 ms; see docs/batch.md). Not while another
    thread runs: the teardown would wait for it.
    """
    code, without_teardown = _run_command(None)
    threading = sys.modules.get("threading")  # not imported: no other thread was started by it
    if without_teardown and (threading is None or threading.active_count() == 1):
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said on it
                pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()

"""The ``newsextract`` command line (see ``docs/cli.md``).

::

    newsextract extract issue.pdf                       # JSON on stdout (--format json|markdown)
    newsextract convert archive/ more/*.pdf issues.zip -o out/issues.jsonl
    newsextract convert archive/ -o out/ --format json  # one JSON file per PDF
    newsextract convert archive/ -o out/ --format csv   # tables (also --format parquet)
    newsextract schema                                  # the JSON Schema of the output
    newsextract debug issue.pdf --page 3 -o page3.png   # the page with its zones drawn

Exit status: 0 all good, 1 some input failed, 2 usage error or an output that could not
be written or is in use by another run (130 when interrupted). Every error is one line on
standard error naming the path and the reason.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

_MIB = 1024 * 1024

#: Every input was extracted.
EXIT_OK = 0
#: At least one input failed (see errors.jsonl / the message on standard error).
EXIT_FAILED = 1
#: The command line was wrong (unknown option, missing input, an output of the wrong kind).
EXIT_USAGE = 2
#: An output cannot be written (disk full, read-only, I/O error, permission, a parent that
#: is a file) or another run is writing it; what was written before is intact: rerun.
EXIT_OUTPUT = 2
#: Interrupted by Ctrl-C or SIGTERM (outputs written so far are kept and complete).
EXIT_INTERRUPTED = 130

_PROG = "newsextract"


class _UsageError(Exception):
    """A usage problem found after parsing (exit status 2): one line, no usage text."""


_MAIN_EPILOG = """\
exit status:
  0    all good
  1    an input could not be read or extracted (convert: some file failed, see errors.jsonl)
  2    usage error (unknown option, missing input, a folder given to extract), or
       an output cannot be written (disk full, read-only, I/O error, permission refused,
       a parent that is a file) or is in use by another run; outputs are as they were
       before the failed write: rerun the same command once the cause is gone
  130  interrupted; finished outputs are kept, rerun the same command to resume
Every error is one line on standard error: the path, then the reason.

global options (-v, -q, --backend) may stand before or after the command.
`newsextract COMMAND --help` describes a command and its options."""

_SCHEMA_EPILOG = """\
The schema names its dialect ($schema: JSON Schema 2020-12) and its version in $id:
  {id_template}
({version} for this release, the same as every document's schema_version). Adding a
field bumps the minor version, renaming or removing one the major version."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return value


def _limit(text: str) -> float | None:
    """Parse a limit: a positive number, or 0 for none."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or positive: {text!r}")
    return value or None


def _convert_epilog() -> str:
    from newsextract.batch.tables import TABLES

    tables = "\n".join(
        f"  {t.name}: one row per {t.one_row_per}\n      key: "
        + ", ".join(c.name for c in t.key)
        for t in TABLES
    )
    return (
        "output formats:\n"
        "  jsonl     one Issue JSON document per line in the file OUTPUT\n"
        "  json      one Issue JSON file per input under the folder OUTPUT, tree mirrored\n"
        "  markdown  one Markdown file per input under the folder OUTPUT\n"
        "  csv       tables in the folder OUTPUT (below); lists are JSON arrays in a cell;\n"
        "            a text cell starting with = + - @ TAB CR or ' gets a ' in front so a\n"
        "            spreadsheet shows it as text (--csv-raw: as it is)\n"
        "  parquet   the same tables, typed (dates, lists); needs newsextract[parquet]\n"
        "tables (NAME.csv or NAME.parquet; a table joins its parent on all the parent's "
        "key columns):\n"
        f"{tables}\n"
        "Failures go to errors.jsonl (one JSON record per failed input) and the batch goes "
        "on;\nrerunning the same command skips every input already done or failed "
        "(--retry-failed)."
    )


def _add_common(parser: argparse.ArgumentParser, *, backend: bool) -> None:
    """Add the global options; their defaults are applied after parsing (:func:`main`)."""
    from newsextract.backends import BACKENDS, DEFAULT_BACKEND

    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=argparse.SUPPRESS,
        help="more log output (repeatable)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="only errors: no progress, no summary, no warnings",
    )
    if backend:
        parser.add_argument(
            "--backend",
            choices=tuple(BACKENDS),
            default=argparse.SUPPRESS,
            help=f"PDF reader to use (default {DEFAULT_BACKEND})",
        )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``newsextract`` command."""
    from newsextract import __version__
    from newsextract.batch.convert import (
        DEFAULT_MAX_INPUT_MB,
        DEFAULT_MEMORY_MB,
        DEFAULT_TIMEOUT_S,
    )
    from newsextract.models import SCHEMA_VERSION
    from newsextract.preflight import DEFAULT_INFLATE_LIMITS
    from newsextract.schema import SCHEMA_ID_TEMPLATE

    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Turn MERICS China Industries newsletter PDFs into validated JSON.",
        epilog=_MAIN_EPILOG,
        formatter_class=raw,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_common(parser, backend=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ex = sub.add_parser(
        "extract",
        help="extract one PDF to JSON or Markdown",
        description=(
            "Extract one newsletter PDF; writes JSON (or Markdown) to standard output. "
            "For a folder or many files use `newsextract convert`."
        ),
    )
    ex.add_argument("source", help="the PDF file ('-' reads standard input)")
    ex.add_argument("--format", choices=("json", "markdown"), default="json")
    ex.add_argument("-o", "--output", help="write to this file instead of standard output")
    ex.add_argument("--compact", action="store_true", help="JSON on one line")
    ex.add_argument("--strict", action="store_true", help="fail on any missing field")
    ex.add_argument("--password", help="password of an encrypted PDF")
    _add_common(ex, backend=True)
    ex.add_argument(
        "--max-input-mb",
        type=_limit,
        default=float(DEFAULT_MAX_INPUT_MB),
        metavar="MB",
        help=f"refuse larger files (default {DEFAULT_MAX_INPUT_MB}; 0: no limit)",
    )
    ex.add_argument(
        "--max-stream-mb",
        type=_positive_int,
        default=DEFAULT_INFLATE_LIMITS.per_stream // _MIB,
        metavar="MB",
        help="refuse a file with a compressed stream inflating past this "
        f"(default {DEFAULT_INFLATE_LIMITS.per_stream // _MIB}; a decompression bomb)",
    )
    ex.add_argument(
        "--max-inflated-mb",
        type=_positive_int,
        default=DEFAULT_INFLATE_LIMITS.total // _MIB,
        metavar="MB",
        help="refuse a file whose compressed streams inflate past this in all "
        f"(default {DEFAULT_INFLATE_LIMITS.total // _MIB})",
    )

    cv = sub.add_parser(
        "convert",
        help="convert many PDFs (folders, globs, archives) in parallel, resumably",
        description=(
            "Convert every PDF named by the inputs. Safe to kill and rerun: finished files "
            "are skipped (matched by content hash). Failures go to errors.jsonl."
        ),
        epilog=_convert_epilog(),
        formatter_class=raw,
    )
    cv.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="PDF files, folders, globs, .zip/.tar(.gz)"
    )
    cv.add_argument(
        "-o",
        "--output",
        required=True,
        help="a .jsonl file (--format jsonl) or a folder (json, markdown, csv, parquet)",
    )
    cv.add_argument(
        "--format",
        choices=("jsonl", "json", "markdown", "csv", "parquet"),
        help="default: jsonl when OUTPUT ends in .jsonl, else json",
    )
    cv.add_argument(
        "-j", "--jobs", type=_positive_int, help="worker processes (default: all cores)"
    )
    cv.add_argument(
        "--timeout",
        type=_limit,
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"time limit per file (default {DEFAULT_TIMEOUT_S:g}; 0: none)",
    )
    cv.add_argument(
        "--memory-mb",
        type=_limit,
        default=float(DEFAULT_MEMORY_MB),
        metavar="MB",
        help=f"memory a worker may add per file (default {DEFAULT_MEMORY_MB}; 0: none)",
    )
    cv.add_argument(
        "--max-input-mb",
        type=_limit,
        default=float(DEFAULT_MAX_INPUT_MB),
        metavar="MB",
        help=f"skip larger inputs with an error record (default {DEFAULT_MAX_INPUT_MB}; 0: none)",
    )
    cv.add_argument(
        "--errors", metavar="PATH", help="error records file (default: errors.jsonl by the output)"
    )
    cv.add_argument(
        "--no-resume",
        dest="resume",
        action="store_false",
        help="start afresh: empty the output and errors file instead of skipping done files",
    )
    cv.add_argument(
        "--retry-failed",
        action="store_true",
        help="forget the recorded failures and try those files again",
    )
    cv.add_argument("--strict", action="store_true", help="fail files with any missing field")
    cv.add_argument("--password", help="password for encrypted PDFs")
    cv.add_argument(
        "--csv-raw",
        action="store_true",
        help="--format csv: write text cells as they are; by default a cell starting with "
        "= + - @ TAB CR or ' gets a ' in front, so a spreadsheet does not run it as a formula",
    )
    _add_common(cv, backend=True)
    cv.add_argument(
        "--progress",
        choices=("auto", "bar", "log", "none"),
        default="auto",
        help="bar on a terminal, log lines otherwise (default auto)",
    )
    cv.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster (e.g. tcp://scheduler:8786); needs newsextract[dask]",
    )

    sc = sub.add_parser(
        "schema",
        help="print the JSON Schema of the output",
        description="Print the JSON Schema (2020-12) every JSON output conforms to.",
        epilog=_SCHEMA_EPILOG.format(id_template=SCHEMA_ID_TEMPLATE, version=SCHEMA_VERSION),
        formatter_class=raw,
    )
    sc.add_argument("-o", "--output", help="write to this file instead of standard output")
    sc.add_argument("--indent", type=int, default=2, help="JSON indentation (default 2)")
    _add_common(sc, backend=False)

    db = sub.add_parser(
        "debug",
        help="draw the detected sections and fields on a page (PNG)",
        description="Render one page with every layout zone outlined in its label's colour.",
    )
    db.add_argument("source", help="the PDF file")
    db.add_argument("--page", type=_positive_int, default=1, help="1-based page (default 1)")
    db.add_argument("-o", "--output", help="PNG file (default: SOURCE-pPAGE.png)")
    db.add_argument(
        "--resolution", type=_positive_int, default=110, help="dots per inch (default 110)"
    )
    db.add_argument("--password", help="password of an encrypted PDF")
    _add_common(db, backend=True)
    db.add_argument("--no-legend", dest="legend", action="store_false", help="no legend strip")
    return parser


def _err(message: str) -> None:
    print(f"{_PROG}: {message}", file=sys.stderr)


@contextmanager
def _logging_for_run(verbose: int, quiet: bool) -> Iterator[None]:
    """Log the package's messages to standard error at the asked level, for this run only.

    The ``newsextract`` logger's level and handlers are put back afterwards: a program (or a
    test) that calls :func:`main` keeps its own logging set-up (no global state).
    """
    level = logging.ERROR if quiet else logging.INFO if verbose >= 1 else logging.WARNING
    if verbose >= 2:
        level = logging.DEBUG
    logger = logging.getLogger("newsextract")
    before = logger.level
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{_PROG}: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(before)


def _write_text(text: str, output: str | None) -> None:
    """Write ``text`` to standard output, or atomically to the file ``output``."""
    from newsextract.batch.outputs import atomic_write
    from newsextract.errors import OutputError

    if output is None or output == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise OutputError("<standard output>", f"cannot write: {reason}") from exc
        return
    atomic_write(Path(output), text.encode("utf-8"))


def _check_one_pdf(source: str, command: str) -> None:
    """Refuse a path that does not exist or is a folder (one line, status 2)."""
    if os.path.isdir(source):
        hint = f"use `{_PROG} convert {source} -o OUTPUT` to convert every PDF in a folder"
        raise _UsageError(f"{source}: is a folder; {command} reads one PDF file ({hint})")
    if not os.path.exists(source):
        raise _UsageError(f"{source}: no such file")


def _cmd_extract(args: argparse.Namespace) -> int:
    from newsextract import api
    from newsextract.batch.markdown import issue_to_markdown
    from newsextract.errors import NewsExtractError
    from newsextract.preflight import InflateLimits

    max_bytes = int(args.max_input_mb * _MIB) if args.max_input_mb else None
    limits = InflateLimits(per_stream=args.max_stream_mb * _MIB,
                           total=args.max_inflated_mb * _MIB)
    source: str | bytes
    if args.source == "-":
        try:
            source = sys.stdin.buffer.read()
        except OSError as exc:
            raise _UsageError(f"<standard input>: cannot read: {exc.strerror or exc}") from exc
    else:
        _check_one_pdf(args.source, "extract")
        source = args.source
    try:
        issue = api.extract_issue(
            source,
            strict=args.strict,
            password=args.password,
            backend=args.backend,
            max_bytes=max_bytes,
            inflate_limits=limits,
        )
    except NewsExtractError as exc:
        _err(f"{exc} [{type(exc).__name__}]")
        return EXIT_FAILED
    if args.format == "markdown":
        text = issue_to_markdown(issue)
    else:
        text = issue.model_dump_json(indent=None if args.compact else 2) + "\n"
    _write_text(text, args.output)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from newsextract.schema import issue_json_schema

    schema = issue_json_schema()
    text = json.dumps(schema, indent=args.indent if args.indent > 0 else None, ensure_ascii=False)
    _write_text(text + "\n", args.output)
    return EXIT_OK


def _cmd_debug(args: argparse.Namespace) -> int:
    from newsextract.batch.debug import DebugUnavailableError, render_debug_page
    from newsextract.batch.outputs import atomic_write
    from newsextract.errors import NewsExtractError

    _check_one_pdf(args.source, "debug")
    output = args.output or f"{Path(args.source).with_suffix('').name}-p{args.page}.png"
    try:
        png = render_debug_page(
            args.source,
            args.page,
            resolution=args.resolution,
            password=args.password,
            legend=args.legend,
            backend=args.backend,
        )
    except DebugUnavailableError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except ValueError as exc:
        raise _UsageError(str(exc)) from exc
    except NewsExtractError as exc:
        _err(f"{exc} [{type(exc).__name__}]")
        return EXIT_FAILED
    atomic_write(Path(output), png)
    print(output)
    return EXIT_OK


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt so outputs are synced and workers stopped."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous: Any = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _dask_executor(address: str) -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise _UsageError("--dask-scheduler needs Dask: pip install 'newsextract[dask]'") from exc
    client_class: Any = distributed.Client
    client = client_class(address)
    return client, client.get_executor()


def _cmd_convert(args: argparse.Namespace) -> int:
    from newsextract.batch.convert import convert
    from newsextract.batch.progress import NullProgress, make_progress

    progress = NullProgress() if args.quiet else make_progress(args.progress)
    client: Any = None
    executor: Any = None
    jobs: int | None = args.jobs
    if args.dask_scheduler:
        client, executor = _dask_executor(args.dask_scheduler)
        if jobs is None:  # keep every thread of the cluster busy, with one task queued each
            jobs = max(2, 2 * sum(client.nthreads().values()))
    try:
        with _sigterm_as_interrupt():
            report = convert(
                args.inputs,
                args.output,
                fmt=args.format,
                jobs=jobs,
                executor=executor,
                timeout_s=args.timeout,
                memory_mb=int(args.memory_mb) if args.memory_mb else None,
                max_input_mb=args.max_input_mb,
                resume=args.resume,
                retry_failed=args.retry_failed,
                progress=progress,
                errors_path=args.errors,
                strict=args.strict,
                password=args.password,
                backend=args.backend,
                csv_raw=args.csv_raw,
            )
    finally:
        if client is not None:
            client.close()
    return report.exit_code


def _apply_global_defaults(args: argparse.Namespace) -> None:
    """Give the global options their defaults when given neither before nor after the command."""
    from newsextract.backends import DEFAULT_BACKEND

    for name, default in (("verbose", 0), ("quiet", False), ("backend", DEFAULT_BACKEND)):
        if not hasattr(args, name):
            setattr(args, name, default)


def _os_error_line(exc: OSError) -> str:
    path = exc.filename if exc.filename is not None else "<unknown path>"
    return f"error: {path}: {exc.strerror or exc}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Every failure is one line on standard error naming the path and the reason: status 1
    when an input could not be extracted, 2 for a usage error or an output that
    cannot be written or is in use (see ``EXIT_*``).
    """
    from newsextract.batch.records import BatchUsageError
    from newsextract.errors import OutputError

    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exc:  # --help, --version, or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    _apply_global_defaults(args)
    commands = {
        "extract": _cmd_extract,
        "convert": _cmd_convert,
        "schema": _cmd_schema,
        "debug": _cmd_debug,
    }
    try:
        with _logging_for_run(args.verbose, args.quiet):
            return commands[args.command](args)
    except (_UsageError, BatchUsageError) as exc:
        _err(f"error: {exc}")
        return EXIT_USAGE
    except OutputError as exc:
        _err(f"error: {exc}")
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        _err("interrupted; finished files are saved, rerun the same command to resume")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of standard output went away (e.g. `| head`): not our failure.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # any other input/output failure: still one line
        _err(_os_error_line(exc))
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())

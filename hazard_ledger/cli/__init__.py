"""The headless command line: every use case over the services, ``--json`` for scripts.

Exit codes: 0 done; 1 ``check`` found a problem; 2 a user error (one line on stderr);
3 a bug (logged with its traceback to the data dir's log file).
"""

import logging
import os
import sqlite3
import sys
from pathlib import Path

from hazard_ledger import paths
from hazard_ledger.cli.parser import build_parser
from hazard_ledger.domain.errors import LedgerError
from hazard_ledger.services import maintenance
from hazard_ledger.services.ledger import Ledger

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USER_ERROR, EXIT_BUG = 0, 1, 2, 3
log = logging.getLogger("hazard_ledger")


def main(argv: list[str]) -> int:
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir = paths.data_dir(args.data_dir)
    ledger = Ledger(data_dir, operator=args.operator, database_url=args.database_url)
    handler = _log_to(data_dir)
    try:
        with ledger:
            status = int(args.handler(ledger, args) or EXIT_OK)
            if args.writes:
                _daily_backup(ledger)
            return status
    except LedgerError as error:
        print(f"错误：{error.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error; silence the final flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception:
        log.exception("unexpected error in %s", argv)
        print(
            f"程序内部错误，详情已记录到日志：{paths.log_file(data_dir)}（请联系维护人员）",
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        if handler is not None:
            log.removeHandler(handler)
            handler.close()


def _daily_backup(ledger: Ledger) -> None:
    """After a change, the automatic backup of the day (if none yet); never fails the command."""
    try:
        made = maintenance.daily_backup(ledger)
    except (OSError, sqlite3.Error):
        log.warning("automatic backup failed", exc_info=True)
        return
    if made is not None:
        log.info("automatic backup %s", made)


def _utf8_streams() -> None:
    # Scripts reading our output (also on Windows, where pipes default to the ANSI code page)
    # get UTF-8; a console keeps its own encoding.
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def _log_to(data_dir: Path) -> logging.Handler | None:
    """Log to the data dir's log file (opened only when something is logged)."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    handler = logging.FileHandler(paths.log_file(data_dir), encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler

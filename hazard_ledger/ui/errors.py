"""How errors reach people: a user's mistake as a sentence; a bug as an apology plus a log entry."""

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from hazard_ledger.domain.errors import LedgerError

log = logging.getLogger("hazard_ledger.ui")
_LOG_FILE: list[Path] = []  # where install_excepthook sends the log, for show_bug's message


def show_user_error(parent: QWidget | None, error: LedgerError) -> None:
    QMessageBox.warning(parent, "无法完成", error.message)


def show_bug(parent: QWidget | None, log_file: Path | None = None) -> None:
    log_file = log_file or (_LOG_FILE[-1] if _LOG_FILE else Path("hazard_ledger.log"))
    QMessageBox.critical(
        parent,
        "程序出错",
        "很抱歉，程序遇到了意外错误，刚才的操作没有完成（已保存的数据不受影响）。\n\n"
        f"详细信息已记录在日志文件中：\n{log_file}\n\n请将该文件发给维护人员。",
    )


def report_error(
    parent: QWidget | None, error: BaseException, log_file: Path | None = None
) -> None:
    """Work that failed (often in the background): a user's mistake as a sentence, anything
    else logged with its traceback and apologised for."""
    if isinstance(error, LedgerError):
        show_user_error(parent, error)
        return
    log.error("work failed", exc_info=error)
    show_bug(parent, log_file)


def install_excepthook(log_file: Path) -> None:
    """Log any uncaught exception with its traceback and apologise instead of crashing."""
    _LOG_FILE.append(log_file)
    handler = logging.FileHandler(log_file, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("hazard_ledger").addHandler(handler)
    logging.getLogger("hazard_ledger").setLevel(logging.INFO)

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, LedgerError):
            show_user_error(None, error)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        show_bug(None, log_file)

    sys.excepthook = hook

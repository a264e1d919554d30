"""``sync import``: check the whole package, then merge it (see reader and merge)."""

import os

from hazard_ledger.services.ledger import Ledger
from hazard_ledger.sync.import_result import ImportResult
from hazard_ledger.sync.merge import Progress, merge_package
from hazard_ledger.sync.reader import read_package


def import_package(
    ledger: Ledger,
    path: str | os.PathLike[str],
    *,
    accept_new_station: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the package at ``path``. Nothing is written unless every check passes; any
    failure raises a LedgerError naming the problem and leaves the ledger as it was."""
    report = progress or (lambda _text, _percent: None)
    report("校验数据包…", 5)
    package = read_package(path)
    result = merge_package(
        ledger, package, accept_new_station=accept_new_station, progress=progress
    )
    report("完成", 100)
    return result

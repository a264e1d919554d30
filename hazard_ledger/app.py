"""Entry point: ``hazard-ledger COMMAND …`` runs the CLI; with no command the desktop window opens
(``hazard-ledger [--data-dir DIR] [--operator NAME]``)."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from hazard_ledger.cli import main as cli_main
    from hazard_ledger.cli.parser import gui_options

    options = gui_options(args)
    if options is None:
        return cli_main(args)
    from hazard_ledger.ui.app import run_gui

    return run_gui(options.data_dir, options.operator)

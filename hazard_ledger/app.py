"""Entry point: ``hazard-ledger COMMAND …`` runs the CLI; with no command the desktop window
opens (once the GUI exists; until then the CLI's help is shown)."""

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from hazard_ledger.cli import main as cli_main

    return cli_main(args or ["--help"])

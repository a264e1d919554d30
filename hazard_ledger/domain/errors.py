"""Errors a user can cause and fix. Their message is Chinese and is shown as it is."""


class LedgerError(Exception):
    """Base of every user error (bad input, a forbidden step, an unknown record).

    The CLI prints the message on one line and exits 2; the GUI shows it in a message box.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(LedgerError):
    """A value is malformed or out of range (a wrong date, a bad credit code…)."""


class WorkflowError(LedgerError):
    """The transition table forbids this step for the record's current state."""


class NotFoundError(LedgerError):
    """A named record (unit, hazard, station) does not exist."""


class DuplicateError(LedgerError):
    """The record would duplicate one that already exists."""


class StorageError(LedgerError):
    """The ledger file cannot be used: written by a newer version, damaged, not a ledger."""

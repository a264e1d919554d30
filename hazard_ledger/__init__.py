"""隐患整改台账 (hazard_ledger): the hazard rectification ledger of a township station."""

__version__ = "0.1.0"

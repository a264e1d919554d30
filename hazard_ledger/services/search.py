"""Chinese substring search over hazards: FTS5 trigram where it can, LIKE where it must.

A trigram index finds only terms of 3 or more characters; shorter terms (such as 电线 or 灭火)
use LIKE over the same columns. Several words separated by spaces must all match.
"""

from sqlalchemy import ColumnElement, and_, or_, select, text
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Hazard, Unit

FTS_TABLE = "hazard_fts"
MAX_TERMS = 8


def fts_available(session: Session) -> bool:
    """Whether this ledger has the FTS5 table (absent on a SQLite without FTS5, or PostgreSQL)."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": FTS_TABLE},
    ).first()
    return found is not None


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_condition(session: Session, query: str) -> ColumnElement[bool] | None:
    """A WHERE condition on hazards (joined with units) for ``query``; None for an empty query."""
    terms = query.split()[:MAX_TERMS]
    if not terms:
        return None
    use_fts = fts_available(session)
    long_terms = [t for t in terms if use_fts and len(t) >= 3]
    conditions: list[ColumnElement[bool]] = []
    if long_terms:
        # Each term a quoted FTS5 string (quotes doubled): matched as a substring, all required.
        match = " ".join('"' + term.replace('"', '""') + '"' for term in long_terms)
        rowids = (
            select(text("rowid"))
            .select_from(text(FTS_TABLE))
            .where(text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=match))
        )
        conditions.append(Hazard.id.in_(rowids))
    for term in terms:
        if term in long_terms:
            continue
        pattern = f"%{_like_escape(term)}%"
        conditions.append(
            or_(
                Hazard.description.like(pattern, escape="\\"),
                Hazard.location.like(pattern, escape="\\"),
                Hazard.code.like(pattern, escape="\\"),
                Unit.name.like(pattern, escape="\\"),
            )
        )
    return and_(*conditions)

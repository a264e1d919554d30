"""Pure domain rules: no Qt, no SQLAlchemy. Everything here can be used by any layer."""

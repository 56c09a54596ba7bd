"""Database plumbing: declarative base, engine and session factory, and the one Alembic migration chain."""

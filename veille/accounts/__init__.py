"""Accounts: who may sign in (users, roles, passwords), their sessions, which can end, and
the sign-in limiter kept in the database."""

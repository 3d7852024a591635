"""Passing the watch on: saved searches and their alerts, dossiers, watch bulletins, and the
mailer that sends them."""

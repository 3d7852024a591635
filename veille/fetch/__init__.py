"""Fetching from the web: the one HTTP client (limits, cache validators, redirects),
the address guard, politeness (per-host gates, robots.txt), web pages and article text."""

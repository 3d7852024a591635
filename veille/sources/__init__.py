"""The watched sources as documentalists manage them: the source book, the watch list
(`config/sources.toml`) and `veille init` that adds it, OPML exchange with feed readers."""

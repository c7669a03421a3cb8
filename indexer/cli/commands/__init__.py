"""Subcommands of `tipkb`, one module each (discovered by indexer.cli)."""

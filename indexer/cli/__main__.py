"""`python -m indexer.cli`: the tipkb command."""

from indexer.cli import entry

entry()

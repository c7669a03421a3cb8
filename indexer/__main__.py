"""`python -m indexer`: the tipkb command."""

import sys

from indexer.cli import main

sys.exit(main())

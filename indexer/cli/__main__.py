"""`python -m indexer.cli`: the tipkb command."""

import sys

from indexer.cli import main

sys.exit(main())

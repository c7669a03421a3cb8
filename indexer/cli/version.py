"""`tipkb --version`: the package's version, and the version and release date of the corpus."""

from __future__ import annotations

import argparse

from indexer import __version__


def version_text() -> str:
    """'tipkb 0.1.0' and, on a second line, the corpus release ('version 1.0.0, 1 December
    2026'); where the corpus has no readable manifest, why not."""
    from indexer.cli.paths import default_corpus
    from indexer.corpus.manifest import ManifestError, load_manifest

    corpus = default_corpus()
    try:
        manifest = load_manifest(corpus)
    except ManifestError as exc:
        return f"tipkb {__version__}\ncorpus: no release information ({exc})"
    return f"tipkb {__version__}\ncorpus {manifest.edition} ({manifest.name})"


class VersionAction(argparse.Action):
    """Like argparse's 'version' action, with a text computed only when asked for."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help="show the package version and the corpus version and release date"):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit(0)

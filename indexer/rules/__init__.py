"""Validation rules, one module per concern, all registered in indexer.rules.registry.

Importing this package registers every rule. The loader runs ``FILE_CHECKS`` on each entry file
and ``CORPUS_CHECKS`` over the facts of every entry (indexer.corpus.facts); every check returns
problems and never raises (the loader guards each one). ``CHANGES_ON`` hooks tell the corpus cache
when a file check's verdict on an unchanged file may change.
"""

from indexer.rules import (  # noqa: F401  (imported to register their rules)
    body,
    dates,
    html,
    links,
    plan,
    reading,
    relations,
    sources,
    structure,
)
from indexer.rules.registry import (
    CHANGES_ON,
    CORPUS_CHECKS,
    CORPUS_KEYS,
    FILE_CHECKS,
    RULES,
    Rule,
    problem,
)
from indexer.rules.structure import schema_is_valid

__all__ = ["CHANGES_ON", "CORPUS_CHECKS", "CORPUS_KEYS", "FILE_CHECKS", "RULES", "Rule", "problem",
           "schema_is_valid"]

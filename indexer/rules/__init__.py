"""Validation rules, one module per concern, all registered in indexer.rules.registry.

Importing this package registers every rule. The loader runs ``FILE_CHECKS`` on each entry file
and ``CORPUS_CHECKS`` on the whole corpus; every check returns problems and never raises (the
loader guards each one).
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
from indexer.rules.registry import CORPUS_CHECKS, FILE_CHECKS, RULES, Rule, problem
from indexer.rules.structure import schema_is_valid

__all__ = ["CORPUS_CHECKS", "FILE_CHECKS", "RULES", "Rule", "problem", "schema_is_valid"]

"""tipkb: the reference knowledge base for the UN Global Plan of Action against trafficking.

Data flows one way: corpus files -> load and validate -> model -> (index | site pages | exports).
Core modules (schema, frontmatter, plan, model, rules, loader) import neither MkDocs nor Whoosh.
"""

__version__ = "0.1.0"

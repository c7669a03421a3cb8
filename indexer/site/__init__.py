"""The static site's pages, rendered from the model as Markdown strings (no MkDocs here).

``indexer.mkdocs_plugin`` is the thin layer that hands these pages to MkDocs.
"""

from .pages import SitePage, render_site

__all__ = ["SitePage", "render_site"]

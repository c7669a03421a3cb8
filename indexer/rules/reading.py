"""Rules the file reader enforces before any data exists (indexer/corpus/frontmatter.py and the
scan of corpus/entries/ in indexer/corpus/loader.py), and the id rules of the loader."""

from __future__ import annotations

from indexer.corpus.frontmatter import MAX_BYTES, MAX_DEPTH
from indexer.rules.registry import declare

declare("TIP001", "error", "The file starts with a '---' line and its front matter is closed.")
declare("TIP002", "error", "The front matter is valid YAML.")
declare("TIP003", "error", "The file is UTF-8.")
declare("TIP005", "error", f"An entry file is at most {MAX_BYTES // 1024} KB.")
declare("TIP006", "error", "corpus/entries/ holds only regular <id>.md files: no links, folders, "
                           "FIFOs or other extensions.")
declare("TIP007", "error", "No control characters but tab and line feed, in the text or written "
                           "as YAML escapes (no terminal escapes, no NUL).")
declare("TIP008", "error", "No YAML anchors, aliases, tags or merge keys, and no nesting deeper "
                           f"than {MAX_DEPTH} levels.")
declare("TIP009", "error", "corpus/corpus.yaml gives the release's version (1.2.3), its date and "
                           "the site's address.")
declare("TIP012", "error", "No two entries have the same id.")

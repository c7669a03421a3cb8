"""Reading the corpus: entry files, the resolution's text and data, and the typed model."""

"""Search: the documents of the index, text analysis, the engine (the only Whoosh user), See also."""

"""Document processors: pure functions over documents (parse, extract, classify, split). No HTTP, engine or
DB."""

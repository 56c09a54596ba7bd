"""Models that processors use: `embedding` (local MiniLM sentence embeddings, no network) and `providers`
(language models). Import from the modules; this package imports nothing heavy on its own."""

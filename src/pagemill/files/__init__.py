"""Files: upload, register from URL or text, signed downloads, listing and deletion."""

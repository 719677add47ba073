"""Files -> documents -> sentences: finding a corpus's files, reading each format, splitting sentences."""

"""Sentences -> index: text normalisation, embedding, the dense and BM25 indexes, and the stored index folder."""

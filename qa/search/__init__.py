"""Index -> answer: retrieval, ranking, confidence, follow-up questions and the `Answer` returned."""

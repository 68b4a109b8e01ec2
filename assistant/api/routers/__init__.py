"""One thin router per area; each calls the ``Assistant`` facade and nothing else."""

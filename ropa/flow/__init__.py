"""Evidence: where personal data goes in the code, from per-file summaries to located flows."""

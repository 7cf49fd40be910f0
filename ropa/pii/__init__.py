"""The ROPA201 heuristic's parts (model syntax, word tables, rules), joined in ropa.heuristics."""

"""The rule-set format: files, YAML, the pydantic model, conditions, scores, checks."""

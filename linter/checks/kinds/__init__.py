"""Rule kinds: one module per kind of check, each registered once with @rule_kind."""

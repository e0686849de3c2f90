"""Rule kinds: one module per kind of check, each registered with
:func:`linter.checks.registry.rule_kind` (adding a kind is adding a module here)."""

"""Rules: rule files loaded into a validated :class:`~linter.checks.ruleset.RuleSet`, the
selection of active rules, their docs; the kinds of check (:mod:`linter.checks.kinds`), each
registered once in :mod:`linter.checks.registry`."""

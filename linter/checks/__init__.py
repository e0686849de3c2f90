"""Rules: rule files to a validated RuleSet, selection, docs; rule kinds in kinds/."""

"""The YAML data files (rules, knowledge, lexicon): the shipped ones, line-aware parsing, a
cache of parsed files, and JSON Schema validation of a team's own files."""

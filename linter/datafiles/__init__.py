"""The YAML data files: line-aware parsing, a parse cache, schema checks."""

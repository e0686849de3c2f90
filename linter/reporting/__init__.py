"""Reporting: the report, output formats, baselines, fingerprints, finding filters."""

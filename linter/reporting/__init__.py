"""Reporting findings: the report, the output formats, baselines, fingerprints and the
filters that narrow what is reported (changed lines, baseline, severity floor)."""

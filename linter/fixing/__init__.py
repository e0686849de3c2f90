"""Fixing: which fixes apply, one file's verified edits, fixes until stable, --diff."""

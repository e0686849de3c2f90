"""Fixing: which fixes apply, planning and verifying one file's edits, running the fixes of a
run until stable, where fixed text goes, and the ``--diff`` preview."""

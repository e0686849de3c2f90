"""Rule kinds. Each module defines one kind of check over prose segments."""

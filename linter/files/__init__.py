"""Finding and reading input files: paths to files, bytes to text (encoding, newlines, a
line/column index), standard input; and writing files back atomically."""

"""Reading inputs: paths to files, bytes to text with a line index, stdin; atomic writes."""

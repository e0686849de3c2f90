"""Running a lint: the library API, the engine over decoded sources (prefilter, extract,
match, parse, suppress), execution in process or in workers, the findings cache."""

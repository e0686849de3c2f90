"""Running a lint: the library API, the engine, execution in workers, the cache."""

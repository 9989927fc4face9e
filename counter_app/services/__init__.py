"""Use cases. Each service takes an AppContext; the CLI, the GUI, tests and benchmarks call them alike."""

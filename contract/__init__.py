"""What a counter and the city server agree on, in one stdlib-only package both import.

- `envelope`: the sync API's paths, request/response shapes and request signing;
- `events`: every event type a counter records;
- `catalog`: the procedure catalog the city publishes and the counters apply;
- `labels`: states and their Vietnamese words, rating levels, SIPAS groups and targets;
- `figures`: the monthly figures' formulas, so counter and city compute the same numbers.

It imports nothing else of the project (import-linter contracts in pyproject.toml), so the city server
can be deployed without the counter app. docs/sync-contract.md describes the contract for readers.
"""

"""The city server: receives counters' nightly sync, serves tracking pages and city-wide reports."""

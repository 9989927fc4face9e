"""PySide6 windows: thin views and controllers that call counter_app services (never the database)."""

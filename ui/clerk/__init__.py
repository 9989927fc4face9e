"""The clerk window (cửa sổ cán bộ tiếp nhận): login, intake, dossier board, settings, users."""

"""Data files shipped with the app (catalog, fonts, icons, sounds); a package so wheels carry them."""

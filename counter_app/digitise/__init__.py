"""Digitising papers at the counter (số hóa): pages from a scanner, a scan-to-folder directory or a file,
made into one small greyscale PDF per paper. Qt-free; storing and recording is
counter_app/services/files.py."""

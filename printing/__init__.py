"""Printing: PDF forms (reportlab), thermal tickets (ESC/POS), QR images. Takes plain data; knows nothing of the app."""

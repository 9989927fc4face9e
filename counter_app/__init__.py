"""Counter app core: Qt-free domain rules and services for the one-stop counter."""

__version__ = "0.1.0"

"""normlint: the binary does the work; this package only lets `python -m normlint` find it."""

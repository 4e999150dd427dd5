"""Shaping the typed frames into the rows that charts and tables draw.

No Altair and no MyST here: each function takes frames from ``data.load`` and
returns a frame (or plain Python values) with the columns a chart encodes or a
table prints. Labels and orders come from the coding tables (``data.labels``).
"""

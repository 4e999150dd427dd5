"""The data layer: where the tables are, how they are validated and loaded,
the quote check, and the coding tables' labels.

Everything above this layer (rows, charts, MyST, the Sphinx extension) works
on the typed frames that ``loading.load`` returns, never on CSV files.
"""

"""MyST output: everything a chapter cell prints as text, escaped.

Cells return ``IPython.display.Markdown``; with ``nb_render_markdown_format:
myst`` the book renders it as tables, sphinx-design grids, cards and tabs.
Every value from the data passes through ``text.escape`` first, so text in a
CSV never becomes markup or script.

* ``text``: escaping, parentheticals
* ``blocks``: the table directive, pipe and list tables, the web-and-PDF switch, dropdowns
* ``cite``: ``{cite:p}`` roles from source ids
* ``tables``: the book's tables (``bk.tables``)
* ``cards``: the side-by-side comparisons (``bk.cards``)
"""

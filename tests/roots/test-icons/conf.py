extensions = ["booktables.sphinx.icons", "booktables.sphinx.search"]
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]

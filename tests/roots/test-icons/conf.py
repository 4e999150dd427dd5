extensions = ["booktables.sphinx.icons"]
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]

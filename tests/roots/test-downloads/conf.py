extensions = ["booktables.sphinx.downloads"]
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]

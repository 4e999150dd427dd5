extensions = ["sphinx_last_updated_by_git", "sphinx_sitemap", "booktables.sphinx.site"]
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
sitemap_url_scheme = "{link}"

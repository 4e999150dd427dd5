extensions = ["sphinxcontrib.bibtex", "booktables.sphinx.bibstyle"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "book"
bibtex_reference_style = "author_year"

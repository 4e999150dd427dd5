extensions = ["sphinxcontrib.bibtex", "booktables.sphinx.bibstyle", "booktables.sphinx.resolve",
              "booktables.sphinx.numbering"]
exclude_patterns = ["_build"]
numfig = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "book"
bibtex_reference_style = "author_year"

# sphinx_multitoc_numbering declares nothing about parallel reading; the
# parallel part declares it safe for the HTML builders. Tests swap the
# extensions with confoverrides. CITATION.cff is there for the whole
# extension (booktables.sphinx), whose cite part reads it.
extensions = ["sphinx_multitoc_numbering", "booktables.sphinx.parallel"]
exclude_patterns = ["_build"]

extensions = ["booktables.sphinx.cite"]
exclude_patterns = ["_build"]

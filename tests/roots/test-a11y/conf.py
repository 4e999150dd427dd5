extensions = ["booktables.sphinx.a11y"]
exclude_patterns = ["_build"]

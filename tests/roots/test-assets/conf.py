extensions = ["booktables.sphinx.vega", "booktables.sphinx.assets"]
exclude_patterns = ["_build"]

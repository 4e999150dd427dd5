extensions = ["booktables.sphinx.metatags"]
exclude_patterns = ["_build"]
# Straight quotes stay straight, so the title's '"' reaches the attribute values as typed.
smartquotes = False

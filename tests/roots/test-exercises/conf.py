extensions = ["sphinx_exercise", "booktables.sphinx.exercises"]
exclude_patterns = ["_build"]
numfig = True

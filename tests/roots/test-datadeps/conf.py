extensions = ["myst_nb", "booktables.sphinx.datadeps"]
exclude_patterns = ["_build"]
nb_execution_mode = "off"


def _record_source(app, docname, source):
    # The source as the parser gets it, after the datadeps part (priority 500) changed it.
    app.recorded_sources[docname] = source[0]


def setup(app):
    app.recorded_sources = {}
    app.connect("source-read", _record_source, priority=900)

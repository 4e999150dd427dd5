extensions = ["myst_nb", "booktables.sphinx.notebooks"]
exclude_patterns = ["_build"]
nb_execution_mode = "off"


def _record_context(app, pagename, templatename, context, doctree):
    # What the theme would see, after the notebooks part (priority 400) set it.
    app.ipynb_sources[pagename] = context.get("ipynb_source")


def setup(app):
    app.ipynb_sources = {}
    app.connect("html-page-context", _record_context, priority=900)

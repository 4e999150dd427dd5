extensions = ["booktables.sphinx.vega"]
exclude_patterns = ["_build"]


def setup(app):
    # What sphinx-thebe adds to every page, which the vega part drops.
    app.add_js_file("sphinx-thebe.js")
    app.add_js_file(None, body='const THEBE_JS_URL = "https://unpkg.com/thebe"')

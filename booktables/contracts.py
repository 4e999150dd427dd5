"""Strings that two parts of the package must agree on, written once.

Each is written by one module and read by another (named beside it); a test
checks that each still names something real.
"""
# The class of every chart's container: charts/render.py writes it, the
# notebook download (sphinx/notebooks.py) finds the charts by it.
CHART_CLASS = "book-chart"
# The shared chart library: charts/render.py makes it, sphinx/vega.py ships it.
BUNDLE_NAME = "vega-bundle.js"
# Where a drawn chart's Vega-Lite spec is: charts/render.py writes it in the
# page as <script type="application/json" id="<chart id><CHART_SPEC_SUFFIX>">,
# sphinx/vega.py moves it from a book page into a script beside the page,
# which files it under window.<CHART_SPECS>[<chart id>], where the chart's
# drawing code (charts/render.py) looks first.
CHART_SPEC_SUFFIX = "-spec"
CHART_SPECS = "bookChartSpecs"
# Functions of the chapter API that read every table: sphinx/datadeps.py makes
# a page that calls one depend on every data file.
READS_ALL = ("load_all", "data_package_table")
# The datapackage.json flag of the coding tables, which the package reads
# itself (data/labels.py), so every page that reads data depends on them.
CODING_FLAG = "x-coding"
# Where the chapters live: a page under it is a chapter (sphinx/cite.py gives it
# a "Cite this chapter" block, sphinx/metatags.py describes it as a Chapter).
CHAPTER_PREFIX = "chapters/"
# The portable notebooks (sphinx/notebooks.py writes them under _build/, the
# runnable bundle (editions.py) packs them).
NOTEBOOKS_DIR = "notebooks"
# The environment variable that tells a notebook's kernel it runs inside the
# book build: booktables/build.py sets it to "page", charts/render.py reads it.
RENDERER_VARIABLE = "BOOK_RENDERER"
# The editions the site offers for download, in _build/html/editions/:
# editions.py assembles them, sphinx/downloads.py links them from every page.
EDITIONS_DIR = "editions"
EDITIONS = {
    "pdf": "karabakh-2020-book.pdf",
    "epub": "karabakh-2020-book.epub",
    "notebooks": "karabakh-2020-notebooks.zip",
    "data": "karabakh-2020-data.zip",
}

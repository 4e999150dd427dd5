"""What every part of the extension tells Sphinx about itself.

Each part keeps no state a worker process would have to hand back (the one
that does, ``cite``, merges it in ``env-merge-info``), so each is safe for a
parallel read and write, whether it is loaded alone or with the others.
"""
PARALLEL_SAFE = {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def builds_website(builder) -> bool:
    """Whether a builder writes the website, where the web's own files belong
    (scripts, icons, .bib and .ipynb downloads). Sphinx's EPUB builder is an
    HTML builder too, but anything left in its folder is packed, or warned
    about, by the next EPUB build."""
    return builder.format == "html" and builder.name != "epub"

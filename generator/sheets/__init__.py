"""Editing in the tools editors already use: the library's list-like records as an Excel workbook
and back (``hongling export`` / ``hongling import``).

    export:  knowledge base → rows (rows.py) on sheets laid out from the models (layout.py,
             shapes.py) → an .xlsx with headings, notes and drop-down lists (export.py)
    import:  .xlsx → rows (read.py, cells.py) → plain records with the cell of every path
             (rows.py) → each as the YAML file it would be (yamlwrite.py), checked with the rest
             of the library by the core's own check → problems at their cells, or files written
             (apply.py, issues.py)

Only the core is imported: nothing here knows MkDocs or pages.
"""

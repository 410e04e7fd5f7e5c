"""User actions on a council's composition as a file, one module per action.

Read a spreadsheet (:mod:`.read_composition_file`), import it as a new
edition (:mod:`.import_composition`), export it as a spreadsheet
(:mod:`.export_composition_xlsx`) or as a PDF list
(:mod:`.export_composition_pdf`, from the data :mod:`.composition_snapshot`
gathers).  The file layouts are in :mod:`app.formats`; the rules of a
composition in :mod:`app.domain.composition`.
"""

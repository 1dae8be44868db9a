"""Importing source extracts into the synchronized population, one module per step.

    pipeline  `import_file(uow, source, path, actor=...)`: the whole import in one transaction, and the
              reads of batches, row errors and inconsistencies that the pages and the CLI show
    sources   what each source's file holds (columns, keys, row checks): ektp, kk, welfare, census,
              crosswalk
    rows      the row rules beyond `schemas` (`RowChecker`), and how names are compared (`name_key`)
    parse     reading a CSV file into checked rows, split over spawned worker processes for big files
    stage     the temporary table of staged rows, compared with and replacing the held extract
    people    people and households rebuilt from the held extracts, census facts applied
    findings  the inconsistencies between sources, found again after each import

This file imports nothing: `parse`'s worker processes load only what they need.
"""

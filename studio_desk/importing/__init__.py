"""Bringing a studio's history in (导入旧登记表): reading the files studios keep, recognising
their layout and words, and writing the cases in bulk. The register's own columns and row
checks stay in :mod:`studio_desk.exports` (the export and the import share them)."""

"""Paper and spreadsheets (导出/导入): the Excel register in and out, PDF case sheets,
acknowledgement slips and meeting packs. Core only — no Qt; the GUI previews and prints
the PDFs these functions write."""

"""The charts' slice colours, shared by the PDF reports and the 统计 tab so paper and screen look
alike; apart from the PDF charts so that the tab does not load reportlab to read ten colours."""

PALETTE_HEX = (
    "#4E79A7",
    "#F28E2B",
    "#E15759",
    "#76B7B2",
    "#59A14F",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#BAB0AC",
)

"""The 统计 tab: figures, charts with their tables, drill-down lists, hot spots and the
meeting papers (daily summary, monthly analysis report)."""

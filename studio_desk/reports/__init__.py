"""The manager's meeting papers: the daily summary (每日工作小结) and the monthly analysis
report (客户投诉统计分析表, PDF and Excel). Figures come from :mod:`studio_desk.stats`."""

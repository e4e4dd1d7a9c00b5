"""First-run setup (初始设置) of a new database."""

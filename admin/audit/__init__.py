"""审计日志: the audit log in Chinese, filtered, with field-level changes and a CSV export."""

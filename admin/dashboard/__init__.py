"""工作台: the figures as server-drawn charts, the CSV exports, and the pages' live counters."""

"""Texts the core's request checks answer with (simplified Chinese)."""

NUL_IN_REQUEST = "请求中含有无效的空字符（%00），请删除后重试。"

"""The official account's custom menu, and what each click means."""

# Each CLICK key is answered as if the resident had typed the text.
CLICK_TEXT = {
    "GUIDE": "菜单",
    "APPLY": "我要申请",
    "BENEFITS": "政策找人",
    "ORDER": "我要点单",
    "VOLUNTEER": "我想当志愿者",
    "PROGRESS": "我的进度",
    "RATE": "我要评价",
    "HUMAN": "转人工",
}

MENU = {
    "button": [
        {"name": "办事指南", "sub_button": [
            {"type": "click", "name": "常见事项", "key": "GUIDE"},
            {"type": "click", "name": "我要申请", "key": "APPLY"},
            {"type": "click", "name": "政策找人", "key": "BENEFITS"},
        ]},
        {"name": "居民点单", "sub_button": [
            {"type": "click", "name": "我要点单", "key": "ORDER"},
            {"type": "click", "name": "评价服务", "key": "RATE"},
            {"type": "click", "name": "志愿者注册", "key": "VOLUNTEER"},
        ]},
        {"name": "我的", "sub_button": [
            {"type": "click", "name": "办理进度", "key": "PROGRESS"},
            {"type": "click", "name": "转人工", "key": "HUMAN"},
        ]},
    ]
}

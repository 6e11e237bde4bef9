"""转人工: the handoff queue (待回复/已回复/已结束), claiming, assigning and replying."""

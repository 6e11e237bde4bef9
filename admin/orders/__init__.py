"""居民点单 for staff (queues, search, bulk steps, 回访) and the organisation workbench (我的订单)."""

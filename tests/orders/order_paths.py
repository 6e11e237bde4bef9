"""Shared test data: the walk from a new order to each state."""
from datetime import datetime

RESIDENT = "oResidentA"
# 2026-11-23 is a Monday; 02:00 UTC is 10:00 in Beijing.
T0 = datetime(2026, 11, 23, 2, 0)
# The walk from a new order to each state, as (event, who, data).
PATH = {
    "submitted": [],
    "pending_dispatch": [("approve", "staff", {})],
    "dispatched": [("approve", "staff", {}), ("dispatch", "staff", {"organization_id": "org1"})],
    "in_service": [("approve", "staff", {}), ("dispatch", "staff", {"organization_id": "org1"}),
                   ("accept", "org1", {})],
    "awaiting_rating": [("approve", "staff", {}),
                        ("dispatch", "staff", {"organization_id": "org1"}),
                        ("accept", "org1", {}),
                        ("complete", "org1", {"notes": "打扫完毕", "hours": 2,
                                              "volunteers": ["张三"]})],
}
PATH["closed"] = PATH["awaiting_rating"] + [("rate", "resident",
                                             {"score": 2, "resolved": False})]
PATH["rejected"] = [("reject", "staff", {"reason": "信息不全"})]
PATH["cancelled"] = [("cancel", "resident", {})]
PATH["closed_admin"] = [("close_admin", "staff", {"kind": "duplicate", "reason": "重复"})]

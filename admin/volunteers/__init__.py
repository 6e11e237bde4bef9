"""志愿者: staff review registrations; an organisation keeps its 志愿者名单 (roster)."""

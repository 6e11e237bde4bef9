"""预申请审核 and 预约: staff casework on pre-applications, their materials and bookings."""

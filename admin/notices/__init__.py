"""通知 (staff notices), 微信绑定 and 通知模板."""

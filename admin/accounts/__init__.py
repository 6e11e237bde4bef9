"""Signing in and out, and 用户与组织 (accounts and organisations, admins only)."""

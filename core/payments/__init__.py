"""Payments: providers resolved per shop through ``kaidian_resolve_payment_provider``."""

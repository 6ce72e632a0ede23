"""Pricing: core computes the base, plugins contribute adjustments, core applies them."""

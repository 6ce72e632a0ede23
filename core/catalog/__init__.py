"""Catalog: categories, products (SPU) and their SKU matrix, inventory, search and caching.

The trade loop talks to the catalog only through ``core.catalog.inventory``
(``reserve_stock``, ``release_stock``, ``sku_snapshot``).
"""

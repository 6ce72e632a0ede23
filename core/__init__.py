"""kaidian core: shops, catalog, trade and the plugin system everything else builds on."""

__version__ = "0.1.0"

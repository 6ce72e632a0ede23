"""Experiments (A/B 实验): variants of a page block or a page, deterministic device assignment
and the statistics that read the analytics events. This first step holds the statistics and the
assignment; the models, routes and hooks follow, and the package joins the ``kaidian.plugins``
entry point with them."""

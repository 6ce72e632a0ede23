"""Analytics (issue 15): events the generated apps send and the server writes, stored behind one
interface (the main database by default, ClickHouse when ``KAIDIAN_ANALYTICS_URL`` names one),
and the reports the merchant admin reads (overview, funnel, paths, blocks, retention)."""

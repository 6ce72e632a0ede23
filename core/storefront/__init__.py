"""The customer API's storefront reads: the batch endpoint and the data sources it resolves."""

# Reads answered per batch request; the generated client splits longer lists (a page with up
# to this many data components loads in one request).
MAX_BATCH_REQUESTS = 10

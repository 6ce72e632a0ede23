"""The locust scenario ``bench/cluster.py`` runs: browse 70 %, cart 20 %, checkout 10 %.

Reads the seeded shop from the JSON file named by ``KAIDIAN_CLUSTER_SEED`` (shop id, SKU and
product ids, customer tokens) and writes one line per request to ``KAIDIAN_CLUSTER_LOG``
(``start_time name status ms ok``), from which ``bench/cluster.py`` computes its figures
(locust's own statistics have no time axis, and the failover window needs one).
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid

from locust import FastHttpUser, between, events, task

SEED = json.loads(open(os.environ["KAIDIAN_CLUSTER_SEED"], encoding="utf-8").read())
LOG = open(os.environ["KAIDIAN_CLUSTER_LOG"], "a", buffering=1, encoding="utf-8")


@events.request.add_listener
def record(request_type, name, response_time, response_length, response=None, exception=None, start_time=None, **_kw):
    status = getattr(response, "status_code", 0) or 0
    LOG.write(f"{start_time or time.time():.3f} {name} {status} {response_time:.1f} {0 if exception else 1}\n")


class Shopper(FastHttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.token = random.choice(SEED["tokens"])
        self.auth = {"Authorization": f"Bearer {self.token}"}

    @task(7)
    def browse(self) -> None:
        shop = SEED["shop_id"]
        if random.random() < 0.5:
            self.client.get(f"/api/shop/{shop}/products", name="browse:list")
        else:
            self.client.get(f"/api/shop/{shop}/products/{random.choice(SEED['product_ids'])}", name="browse:detail")

    @task(2)
    def cart(self) -> None:
        body = {"sku_id": random.choice(SEED["sku_ids"]), "quantity": random.randint(1, 3)}
        self.client.put("/api/shop/cart/items", json=body, headers=self.auth, name="cart:set")

    @task(1)
    def checkout(self) -> None:
        lines = [{"sku_id": sku, "quantity": random.randint(1, 2)} for sku in random.sample(SEED["sku_ids"], random.randint(1, 3))]
        headers = {**self.auth, "Idempotency-Key": uuid.uuid4().hex}
        self.client.post("/api/shop/orders", json={"lines": lines}, headers=headers, name="checkout")

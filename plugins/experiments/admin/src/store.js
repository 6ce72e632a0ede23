// The shop's experiments, shared by the editor marks, the actions and the results screen, so
// the canvas asks once however many blocks it draws.
import { reactive } from "vue";
import { api, session } from "@kaidian/admin";

export const store = reactive({ experiments: [], shop: null });
let pending = null;

export function loadExperiments({ force = false } = {}) {
  const shop = session.data?.shop_id ?? null;
  if (!force && pending && store.shop === shop) return pending;
  store.shop = shop;
  pending = api.get("/api/admin/experiments").then(
    (rows) => {
      store.experiments = rows;
      return rows;
    },
    (error) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

/** Experiments still in play (draft or running, not shipped) on a page, or one block of it. */
export function liveOn(route, blockId) {
  return store.experiments.filter(
    (item) => item.page_route === route && item.status !== "stopped" && (blockId === undefined ? item.kind === "page" : item.kind === "block" && item.block_id === blockId),
  );
}

/** The statistically called winner of a results answer (as the server's ship rule), or null. */
export function calledWinner(results) {
  const arms = results.variants.slice(1).filter((arm) => arm.key !== "holdout" && arm.verdict);
  if (!arms.length) return null;
  const winners = arms.filter((arm) => arm.verdict === "variant_wins");
  if (winners.length) return winners.reduce((best, arm) => (arm.comparison.difference > best.comparison.difference ? arm : best)).key;
  if (arms.every((arm) => arm.verdict === "control_wins")) return results.variants[0].key;
  return null;
}

export const NEXT_KEYS = ["b", "c", "d", "e"];

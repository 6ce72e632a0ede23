// Data for the category and product pickers of the property panel, from the catalog admin API.
// Categories are refetched when older than a few seconds or of another shop; an absent
// catalog module leaves the pickers empty.
import { reactive } from "vue";
import { api } from "../api.js";
import { session } from "../session.js";

const FRESH_MS = 5000;
export const catalog = reactive({ categories: [], products: {}, shopId: null, loadedAt: 0 });

export async function loadCategories() {
  const shopId = session.data?.shop_id;
  if (catalog.shopId === shopId && Date.now() - catalog.loadedAt < FRESH_MS) return;
  if (catalog.shopId !== shopId) catalog.products = {};
  Object.assign(catalog, { shopId, loadedAt: Date.now() });
  catalog.categories = await api.get("/api/admin/catalog/categories").catch(() => []);
}

export async function searchProducts(words) {
  const query = words ? `?q=${encodeURIComponent(words)}&limit=30` : "?limit=30";
  const page = await api.get(`/api/admin/catalog/products${query}`).catch(() => ({ items: [] }));
  for (const product of page.items) catalog.products[product.id] = product;
  return page.items;
}

// What links may name besides pages (GET …/link-targets): every linkable reference kind with the
// shop's newest records, whichever plugins register them (products, categories, coupons…).
export const linkTargets = reactive({ kinds: [], shopId: null, loadedAt: 0 });

export async function loadLinkTargets() {
  const shopId = session.data?.shop_id;
  if (linkTargets.shopId === shopId && Date.now() - linkTargets.loadedAt < FRESH_MS) return;
  Object.assign(linkTargets, { shopId, loadedAt: Date.now() });
  linkTargets.kinds = await api.get("/api/admin/builder/config/link-targets").catch(() => []);
}

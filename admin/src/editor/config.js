// Editor state ↔ page configuration. Blocks carry a client-only "_key" (stable identity for
// drag and drop and selection) that never reaches the API.
let counter = 0;
export const newKey = () => `b${Date.now().toString(36)}${(counter += 1)}`;

// A block's own id (saved with it, README "Analytics"): analytics counts
// follow the block however it moves. Every new or duplicated block gets a fresh one.
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export function newBlockId() {
  const random = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(random, (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join("");
}

// The id analytics events carry for the block at ``index`` of ``page``: its own, else
// "<route>.<index>" (builder/config.py block_id).
export const analyticsBlockId = (page, block, index) => block.id ?? `${page.route}.${index}`;

// The page's route in the generated app, as events report it (builder/plan.py PagePlan.path).
export const appRoute = (page) => `${page.subpackage ? `pkg_${page.subpackage}/` : ""}pages/${page.route}/index`;

export function blankConfig(shopName) {
  return {
    schema_version: 1,
    app: { name: (shopName || "我的小店").slice(0, 30), theme: "fresh_grocery", default_locale: "zh-CN" },
    pages: [{ route: "home", title: "首页", components: [] }],
  };
}

export function toConfig(state) {
  const config = JSON.parse(JSON.stringify(state));
  if (!config.app.tab_bar) delete config.app.tab_bar;
  for (const page of config.pages) {
    page.components = page.components.map(({ _key, ...block }) => block);
  }
  return config;
}

export function fromConfig(config, keyFor = () => undefined) {
  const state = JSON.parse(JSON.stringify(config));
  state.pages.forEach((page, pageNumber) => {
    page.components = (page.components ?? []).map((block, blockNumber) => ({ _key: keyFor(pageNumber, blockNumber) ?? newKey(), ...block }));
  });
  return state;
}

// structuredClone refuses Vue's reactive proxies; the editor's data is plain JSON anyway.
export const deepCopy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

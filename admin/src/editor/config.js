// Editor state ↔ page configuration. Blocks carry a client-only "_key" (stable identity for
// drag and drop and selection) that never reaches the API.
let counter = 0;
export const newKey = () => `b${Date.now().toString(36)}${(counter += 1)}`;

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

// Screens that plugins ship in their own packages (GET /api/admin/screens): each becomes a route
// under the layout whose component is an export of the plugin's ES module, imported on first
// visit. Loaded once per shop, before the first navigation that needs them.
import { defineComponent, h } from "vue";
import { ElResult } from "element-plus";
import { api } from "./api.js";
import { t } from "./i18n.js";

let loadedShop = null;
const removals = [];

function addStyles(urls) {
  for (const href of urls) {
    if (document.querySelector(`link[data-plugin-style="${href}"]`)) continue;
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
    link.dataset.pluginStyle = href;
    document.head.append(link);
  }
}

// A bundle that fails to load (or lacks the export) shows as an error, not a blank page.
const broken = (screen, error) =>
  defineComponent({
    name: "BrokenPluginScreen",
    render: () => h(ElResult, { icon: "error", title: t("pluginScreenFailed"), subTitle: `${screen.plugin}: ${error?.message ?? error}`, "data-test": "plugin-screen-failed" }),
  });

/** The component a plugin's bundle exports (a screen, or an extension of a core screen). */
export async function importScreen(screen) {
  addStyles(screen.styles);
  try {
    const module = await import(/* @vite-ignore */ screen.module);
    if (!module[screen.component]) throw new Error(`${screen.module} has no export ${screen.component}`);
    return module[screen.component];
  } catch (error) {
    console.error(error);
    return broken(screen, error);
  }
}

// Switching a plugin on or off (the plugins screen) changes the shop's screens and menu: the
// layout listens for this event and reloads both, no page reload needed.
export const PLUGINS_CHANGED = "kaidian:plugins-changed";

export function pluginsChanged() {
  loadedShop = null;
  window.dispatchEvent(new Event(PLUGINS_CHANGED));
}

/** Register the current shop's plugin screens; true when the routes changed. */
export async function loadPluginScreens(router, shopId) {
  if (loadedShop === shopId) return false;
  const screens = await api.get("/api/admin/screens");
  for (const remove of removals.splice(0)) remove();
  for (const screen of screens) {
    removals.push(
      router.addRoute("layout", {
        path: screen.path.slice(1),
        name: `plugin:${screen.plugin}:${screen.path}`,
        component: () => importScreen(screen),
        props: { plugin: screen.plugin },
      }),
    );
  }
  loadedShop = shopId;
  return true;
}

/** Before entering the layout: add the shop's screens, and resolve the target again if one of them is it. */
export function guardPluginScreens(router, session) {
  router.beforeEach(async (to) => {
    if (to.meta.public || !session.data) return;
    try {
      if ((await loadPluginScreens(router, session.data.shop_id)) && to.name === "missing") return to.fullPath;
    } catch (error) {
      console.error(error); // the core screens still work without the plugins'
    }
  });
}

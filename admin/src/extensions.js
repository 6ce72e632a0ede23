// Components plugins mount inside core screens (kaidian_register_admin_extensions, GET
// /api/admin/extensions): each names a point (editor.block-actions, editor.block-badges,
// editor.page-actions) and an export of the plugin's bundle, imported once per shop. Core
// screens draw whatever is registered at their points and know no plugin by name.
import { markRaw } from "vue";
import { api } from "./api.js";
import { PLUGINS_CHANGED, importScreen } from "./plugin-screens.js";

let loaded = null; // { shop, promise }

/** { point: [{ plugin, component }] } for the current shop; [] for a point nobody fills. */
export function loadExtensions(shopId) {
  if (loaded?.shop === shopId) return loaded.promise;
  const promise = api
    .get("/api/admin/extensions")
    .then(async (extensions) => {
      const byPoint = {};
      for (const extension of extensions) {
        const component = markRaw(await importScreen(extension));
        (byPoint[extension.point] ??= []).push({ plugin: extension.plugin, component, key: `${extension.plugin}:${extension.component}` });
      }
      return byPoint;
    })
    .catch((error) => {
      console.error(error); // the screen works without its plugins' extensions
      loaded = null;
      return {};
    });
  loaded = { shop: shopId, promise };
  return promise;
}

window.addEventListener(PLUGINS_CHANGED, () => {
  loaded = null;
});

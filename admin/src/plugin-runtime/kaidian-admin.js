// `@kaidian/admin`: what the admin lends to the screens plugins ship (docs/plugin_authoring.md).
// Plugin bundles import it by this name; the import map in index.html points the name here, so
// a screen shares the admin's session, language and components instead of bundling its own.
export { api, ApiError, fieldErrors, request } from "../api.js";
export { yuan, toFen, when } from "../format.js";
export { createTranslator, locale, t, tr } from "../i18n.js";
export { session, hasRole } from "../session.js";
export { useListAndForm } from "../composables/listAndForm.js";
export { default as SchemaForm } from "../components/SchemaForm.vue";
export { default as ProductSkuSelect } from "../components/ProductSkuSelect.vue";

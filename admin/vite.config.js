import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

const SHARED_ENTRIES = Object.fromEntries(
  ["vue", "vue-router", "element-plus", "element-plus-icons", "kaidian-admin", "charts"].map((name) => [
    `shared/${name}`,
    fileURLToPath(new URL(`src/plugin-runtime/${name}.js`, import.meta.url)),
  ]),
);

// The build lands inside the Python package, which serves it at /admin (core/admin_ui).
export default defineConfig({
  base: "/admin/",
  plugins: [
    vue(),
    // `npm run dev` has no built shared/ files: the import map points at their sources instead,
    // which the dev server serves with the same module instances the app uses.
    { name: "kaidian-dev-import-map", apply: "serve", transformIndexHtml: (html) => html.replaceAll('"/admin/shared/', '"/admin/src/plugin-runtime/') },
  ],
  // The full Vue build (with the template compiler): the page editor compiles each component's
  // preview template at run time, because plugins ship theirs after this bundle is built.
  resolve: { alias: { vue: "vue/dist/vue.esm-bundler.js" } },
  build: {
    outDir: fileURLToPath(new URL("../core/admin_ui/static", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The app, plus one entry per module lent to plugin screens (the import map in index.html
      // names them): same modules as the app's, so one Vue instance, at unhashed shared/ paths.
      input: { index: fileURLToPath(new URL("index.html", import.meta.url)), ...SHARED_ENTRIES },
      preserveEntrySignatures: "strict",
      output: { entryFileNames: (chunk) => (chunk.name.startsWith("shared/") ? "[name].js" : "assets/[name]-[hash].js") },
    },
  },
  server: {
    // `npm run dev` talks to a kaidian started with `kaidian demo --port 8001`.
    proxy: { "/api": "http://127.0.0.1:8001", "/admin/plugin-screens": "http://127.0.0.1:8001" },
  },
});

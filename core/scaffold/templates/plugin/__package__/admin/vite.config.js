// Builds this plugin's admin screens into dist/, which the package ships (commit it: a pip
// install then needs no Node.js). The modules below are not bundled: the admin lends its own
// copies at run time through its import map, so a screen shares its Vue, Element Plus, session
// and language. `npm install && npm run build` after changing src/.
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

const SHARED_MODULES = ["vue", "vue-router", "element-plus", "@element-plus/icons-vue", "@kaidian/admin", "@kaidian/charts"];

export default defineConfig({
  logLevel: "warn",
  plugins: [vue()],
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    lib: { entry: "src/index.js", formats: ["es"], fileName: () => "index.js", cssFileName: "style" },
    rollupOptions: { external: SHARED_MODULES },
  },
});

// Builds the admin screens that ship inside plugin packages: every plugins/<name>/admin/ and the
// scaffold's template (core/scaffold/templates/plugin/__package__/admin/), each into its dist/,
// which is committed, so a pip-installed plugin needs no Node.js. The config is the one the
// scaffold gives plugin authors (its vite.config.js), kept equal by tests/admin/test_plugin_bundles.py.
//   node build-plugin-screens.mjs              rebuild every dist/
//   node build-plugin-screens.mjs --out DIR    build into DIR/<relative path>/dist instead (to compare)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// What the admin lends through its import map (index.html): never bundled into a plugin.
export const SHARED_MODULES = ["vue", "vue-router", "element-plus", "@element-plus/icons-vue", "@kaidian/admin", "@kaidian/charts"];

// What `vite build` sets before Vite loads: SFCs compile for production (no dev hints), exactly
// as the scaffold's own `npm run build` does.
process.env.NODE_ENV = "production";
const { build } = await import("vite");
const { default: vue } = await import("@vitejs/plugin-vue");

const repository = resolve(fileURLToPath(new URL("..", import.meta.url)));
const outFlag = process.argv.indexOf("--out");
const outRoot = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : null;

function screenFolders() {
  const folders = readdirSync(join(repository, "plugins"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(repository, "plugins", entry.name, "admin"));
  folders.push(join(repository, "core", "scaffold", "templates", "plugin", "__package__", "admin"));
  return folders.filter((folder) => existsSync(join(folder, "src", "index.js"))).sort();
}

// A screen may bundle a library of its own (the AR preview plugin's <model-viewer>): its admin/
// then holds a package.json with exact versions and its package-lock.json, installed here with
// `npm ci` (again only when the lock changed) so the build resolves it from admin/node_modules.
function installOwnPackages(root) {
  const lockFile = join(root, "package-lock.json");
  if (!existsSync(lockFile)) return;
  const stamp = join(root, "node_modules", ".kaidian-lock");
  const lock = readFileSync(lockFile, "utf8");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === lock) return;
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, lock);
}

for (const root of screenFolders()) {
  installOwnPackages(root);
  const outDir = outRoot ? join(outRoot, relative(repository, root), "dist") : join(root, "dist");
  await build({
    configFile: false,
    root,
    logLevel: "warn",
    plugins: [vue()],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir,
      emptyOutDir: true,
      lib: { entry: "src/index.js", formats: ["es"], fileName: () => "index.js", cssFileName: "style" },
      rollupOptions: { external: SHARED_MODULES },
    },
  });
  console.log(`built ${relative(repository, outDir)}`);
}

import { defineConfig } from 'vite'
import uni from '@dcloudio/vite-plugin-uni'

// uni-app's H5 build names a chunk after its folder relative to src/, so a package imported on
// demand (a plugin's npm package, kaidian_register_app_dependencies) became "assets/..-node_modules-…",
// which its importer then loads as a bare specifier the browser cannot resolve. Drop the "..-".
function packageChunkNames() {
  return {
    name: 'kaidian-package-chunk-names',
    enforce: 'post',
    configResolved(config) {
      const outputs = [].concat(config.build.rollupOptions.output || [])
      for (const output of outputs) {
        const named = output.chunkFileNames
        if (typeof named === 'function') output.chunkFileNames = (chunk) => named(chunk).replace(/(^|\/)(\.\.-)+/g, '$1')
      }
    }
  }
}

export default defineConfig({
  base: './',
  plugins: [uni(), packageChunkNames()]
})

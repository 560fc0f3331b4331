import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, type Plugin } from "vite";

/**
 * The preview runtimes, built apart from the app into build/client/preview/ and loaded only inside a preview's
 * sandbox: react-runtime.js (React, ReactDOM and the sucrase compiler, as one classic script), plus mermaid's and
 * Tailwind's own browser builds copied as they ship. The app never loads any of them.
 */
const require = createRequire(import.meta.url);

function copyBrowserBuilds(files: Record<string, string>): Plugin {
  return {
    name: "folio-copy-browser-builds",
    generateBundle() {
      for (const [fileName, specifier] of Object.entries(files)) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(require.resolve(specifier)) });
      }
    },
  };
}

export default defineConfig({
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  plugins: [
    copyBrowserBuilds({
      "mermaid.js": "mermaid/dist/mermaid.min.js",
      "tailwind.js": "@tailwindcss/browser",
    }),
  ],
  build: {
    outDir: "build/client/preview",
    emptyOutDir: true,
    copyPublicDir: false,
    lib: {
      entry: "app/features/preview/runtime/react-runtime.tsx",
      formats: ["iife"],
      name: "FolioReactPreview",
      fileName: () => "react-runtime.js",
    },
  },
});

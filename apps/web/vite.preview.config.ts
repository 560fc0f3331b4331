import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig, type Plugin } from "vite";

/**
 * The preview runtimes, built apart from the app into build/client/preview/ and loaded only inside a preview's
 * sandbox: react-runtime.js (React, ReactDOM and the sucrase compiler, as one classic script), plus the browser
 * builds of mermaid, marked and Tailwind copied as they ship. The app never loads any of them.
 */
const require = createRequire(import.meta.url);

/** A file inside an installed package, found through its package.json (exports maps hide browser builds). */
function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

function copyBrowserBuilds(files: Record<string, string>): Plugin {
  return {
    name: "folio-copy-browser-builds",
    generateBundle() {
      for (const [fileName, path] of Object.entries(files)) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(path) });
      }
    },
  };
}

export default defineConfig({
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  plugins: [
    copyBrowserBuilds({
      "mermaid.js": packageFile("mermaid", "dist/mermaid.min.js"),
      "marked.js": packageFile("marked", "lib/marked.umd.js"),
      "tailwind.js": packageFile("@tailwindcss/browser", "dist/index.global.js"),
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

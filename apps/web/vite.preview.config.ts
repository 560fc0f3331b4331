import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig, type Plugin } from "vite";

/**
 * The preview runtimes, built apart from the app into build/client/preview/ and loaded only inside a preview's
 * sandbox: react-runtime.js (React, ReactDOM and the sucrase compiler, as one classic script), plus the browser
 * builds of mermaid and Tailwind copied as they ship; with `--mode markdown`, markdown-runtime.js (micromark, as
 * the chat parses markdown), a second build since a classic script is built from one entry. The app never loads
 * any of them.
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

/** One classic script in build/client/preview/, from one entry, exposing `name` to the page. */
function runtime(entry: string, name: string, fileName: string) {
  return {
    outDir: "build/client/preview",
    copyPublicDir: false,
    lib: {
      entry: `app/features/preview/runtime/${entry}`,
      formats: ["iife" as const],
      name,
      fileName: () => fileName,
    },
  };
}

export default defineConfig(({ mode }) =>
  mode === "markdown"
    ? {
        build: {
          ...runtime("markdown-runtime.ts", "FolioMarkdown", "markdown-runtime.js"),
          emptyOutDir: false,
        },
      }
    : {
        define: { "process.env.NODE_ENV": JSON.stringify("production") },
        plugins: [
          copyBrowserBuilds({
            "mermaid.js": packageFile("mermaid", "dist/mermaid.min.js"),
            "tailwind.js": packageFile("@tailwindcss/browser", "dist/index.global.js"),
          }),
        ],
        build: {
          ...runtime("react-runtime.tsx", "FolioReactPreview", "react-runtime.js"),
          emptyOutDir: true,
        },
      },
);

import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

// `pnpm dev` serves the app with hot reload and sends /api (REST and WebSockets) to the worker on 8787, and
// /preview (the preview runtimes, built by vite.preview.config.ts) to the worker's static files.
export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  // The highlight worker loads shiki's languages on demand, so it is built as an ES module with its own chunks.
  worker: { format: "es" },
  server: {
    proxy: {
      "/api": { target: "http://127.0.0.1:8787", ws: true },
      "/preview/": { target: "http://127.0.0.1:8787" },
    },
  },
});

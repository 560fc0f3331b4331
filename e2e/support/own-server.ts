/**
 * The Playwright `test` of the specs that need a Folio server of their own (to stop, kill or restart it, or to read
 * its state directory): one server, started on first use and shared by every such spec the worker runs, on a
 * port the system hands out. Starting one costs seconds; each spec leaves it running as it found it.
 */
import { test as base } from "@playwright/test";
import { type FolioServer, folioServer, freePort } from "../../script/folio-server";

export { expect } from "@playwright/test";

export const test = base.extend<object, { server: FolioServer }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from its pattern
    async ({}, use) => {
      // Answers stream in small, slow chunks, so a test can act while one is mid-answer.
      const server = folioServer(await freePort(), { OFFLINE_CHUNK_SIZE: "8", OFFLINE_CHUNK_DELAY_MS: "12" });
      await server.start();
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 60_000 },
  ],
});

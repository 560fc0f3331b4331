/** Runs in Node before the workerd tests: starts the loopback SSE server and tells the tests where it is. */
import type { TestProject } from "vitest/node";
import { startSseServer } from "./sse-server.js";
import "./provided.js";

export default async function setup(project: TestProject) {
  const server = await startSseServer();
  project.provide("sseServerUrl", server.url);
  return () => server.close();
}

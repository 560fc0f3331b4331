/**
 * Runs in Node before the workerd tests: starts the loopback SSE server and the stand-in Access team, and tells
 * the tests where they are.
 */
import type { TestProject } from "vitest/node";
import { startAccessServer } from "./access-server.js";
import { startSseServer } from "./sse-server.js";
import "./provided.js";

export default async function setup(project: TestProject) {
  const server = await startSseServer();
  const access = await startAccessServer();
  project.provide("sseServerUrl", server.url);
  project.provide("accessTeamUrl", access.url);
  project.provide("accessPrivateKey", access.privateKey);
  return () => {
    server.close();
    access.close();
  };
}

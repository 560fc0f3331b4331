/** What vitest's globalSetup (in Node) hands to the tests (in workerd) through `inject`. */
declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the loopback OpenAI-compatible SSE server (test/sse-server.ts). */
    sseServerUrl: string;
  }
}

export {};

/** What vitest's globalSetup (in Node) hands to the tests (in workerd) through `inject`. */
declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the loopback OpenAI-compatible SSE server (test/sse-server.ts). */
    sseServerUrl: string;
    /** Origin of the stand-in Cloudflare Access team (test/access-server.ts), publishing its keys. */
    accessTeamUrl: string;
    /** The private key (a JWK) whose public half that team publishes, to sign tokens with. */
    accessPrivateKey: import("jose").JWK;
  }
}

export {};

/**
 * A stand-in for a Cloudflare Access team on loopback (run by vitest's globalSetup in Node): it publishes the
 * public half of a key pair made here at `/cdn-cgi/access/certs`, as Access does, and hands the private half to
 * the tests, which sign their own tokens with it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";

export const ACCESS_KEY_ID = "folio-test-key";

export async function startAccessServer(): Promise<{ url: string; privateKey: JWK; close(): void }> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: ACCESS_KEY_ID, alg: "RS256", use: "sig" };
  const server = createServer((request, response) => {
    if (request.url !== "/cdn-cgi/access/certs") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    privateKey: { ...(await exportJWK(privateKey)), kid: ACCESS_KEY_ID, alg: "RS256" },
    close: () => server.close(),
  };
}

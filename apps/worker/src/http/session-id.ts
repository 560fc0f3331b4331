/** Session ids: 128 random bits, base64url without padding (22 characters), so they cannot be guessed. */
const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function isSessionId(value: string): boolean {
  return SESSION_ID.test(value);
}

/** Who is asking, for per-client limits: the address Cloudflare (or wrangler dev) reports. */
export function clientAddress(request: Request): string {
  return request.headers.get("cf-connecting-ip") ?? "unknown";
}

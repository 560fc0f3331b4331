/**
 * Cloudflare Access: when ACCESS_TEAM_DOMAIN and ACCESS_AUD are set, the `Cf-Access-Jwt-Assertion` token Access
 * adds to each request is verified with jose — signature against the team's published keys, issuer, audience,
 * expiry — and the workspace is the verified email's, on any device.
 */
import { base64url, createRemoteJWKSet, jwtVerify } from "jose";
import type { Env } from "../env.js";

export const ACCESS_HEADER = "cf-access-jwt-assertion";

type AccessEnv = Pick<Env, "ACCESS_TEAM_DOMAIN" | "ACCESS_AUD">;
type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** One key set per team, kept for the isolate's life: jose caches the keys and refetches on an unknown `kid`. */
const keySets = new Map<string, KeySet>();

export function accessEnabled(env: AccessEnv): env is Required<AccessEnv> {
  return Boolean(env.ACCESS_TEAM_DOMAIN && env.ACCESS_AUD);
}

/** The team's origin: `https://<team domain>`, or the value itself when it is already a URL. */
export function teamOrigin(domain: string): string {
  return domain.includes("://") ? new URL(domain).origin : `https://${domain}`;
}

/** The verified email of an Access token, lower-cased, or null when the token does not verify. */
export async function verifyAccessToken(token: string, env: Required<AccessEnv>): Promise<string | null> {
  const issuer = teamOrigin(env.ACCESS_TEAM_DOMAIN);
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`));
    keySets.set(issuer, keys);
  }
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer,
      audience: env.ACCESS_AUD,
      algorithms: ["RS256"],
    });
    return typeof payload.email === "string" && payload.email !== "" ? payload.email.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The workspace of an Access identity: derived from the email, so it is the same on every device. */
export async function accessWorkspaceId(email: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`access:${email}`));
  return base64url.encode(new Uint8Array(digest).slice(0, 16));
}

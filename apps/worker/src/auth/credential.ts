/**
 * Credentials: `folio.<workspaceId>.<secret>`. The workspace id says which object to ask; the secret is 256
 * random bits that the workspace keeps only as a SHA-256 hash (a secret that strong needs no slow hash), so a
 * leaked database opens nothing. Browsers hold one in a cookie, other apps as a bearer token.
 */
import { base64url } from "jose";
import { isId, randomBase64Url } from "../ids.js";

const FORMAT = /^folio\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export interface Credential {
  workspaceId: string;
  secret: string;
}

export function newSecret(): string {
  return randomBase64Url(32);
}

export function formatCredential({ workspaceId, secret }: Credential): string {
  return `folio.${workspaceId}.${secret}`;
}

/** The credential a text spells, or null for anything else (it is never echoed back). */
export function parseCredential(text: string): Credential | null {
  const match = FORMAT.exec(text);
  if (!match || !isId(match[1] as string)) return null;
  return { workspaceId: match[1] as string, secret: match[2] as string };
}

export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return base64url.encode(new Uint8Array(digest));
}

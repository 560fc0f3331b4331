/**
 * The `Idempotency-Key` header of a creating request (as Stripe's API documents it): a client's key for one
 * request, so a retry after any failure, even after the server stored the first, is answered with the first
 * result and stores nothing twice. The request's fingerprint travels with the key, so a key reused for another
 * request is refused instead of answered with something the client never asked for.
 */
import type { ProtocolError, Validated } from "@folio/protocol";
import { base64url } from "jose";
import { sha256Hex } from "../archive/digest.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";

/** How long a key is remembered, as Stripe's are. */
export const IDEMPOTENCY_KEPT_MS = 24 * 60 * 60 * 1000;

/** The key a client sent, and a digest of the request it sent with it. */
export interface Idempotency {
  key: string;
  fingerprint: string;
}

/** Visible ASCII, 1 to 255 characters (a UUID is the usual choice). */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The request's key and fingerprint; undefined when it sent none, an error when the key is malformed. */
export async function idempotencyOf(
  request: Request,
  body: unknown,
): Promise<Validated<Idempotency | undefined>> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return { ok: true, value: undefined };
  if (!KEY.test(key)) {
    return {
      ok: false,
      error: { code: "invalid_message", message: "Idempotency-Key: 1 to 255 visible ASCII characters" },
    };
  }
  const fingerprint = await sha256Hex(
    `${request.method} ${new URL(request.url).pathname}\n${JSON.stringify(body)}`,
  );
  return { ok: true, value: { key, fingerprint } };
}

/** The id of what a request under this key makes, the same for every retry (128 bits, as `newId`'s). */
export async function idFor(scope: string, key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${scope}\n${key}`));
  return base64url.encode(new Uint8Array(digest).slice(0, 16));
}

export const KEY_REUSED: ProtocolError = {
  code: "conflict",
  message: "this Idempotency-Key was used with another request: use a new key for a new request",
};

export const KEY_IN_USE: ProtocolError = {
  code: "conflict",
  message: "a request with this Idempotency-Key is under way, or ended without an answer: retry shortly",
};

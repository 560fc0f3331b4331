/**
 * The `Idempotency-Key` header of a creating request (as Stripe's API documents it): a client's key for one
 * request, so a retry after any failure, even after the server stored the first, is answered with the first
 * result and stores nothing twice. The request's fingerprint travels with it, so a key reused for another
 * request is refused instead of answered with something the client never asked for.
 */
import type { Validated } from "@folio/protocol";
import { sha256Hex } from "../archive/digest.js";
import type { Idempotency } from "../session/idempotent-answers.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";

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
  const fingerprint = await sha256Hex(`${request.method} ${new URL(request.url).pathname}\n${JSON.stringify(body)}`);
  return { ok: true, value: { key, fingerprint } };
}

/**
 * Reads a JSON request body, strictly: it must say `application/json` (a cross-site form or `no-cors` fetch can
 * only send `text/plain` and the like without asking first), be at most the largest body any route accepts, and
 * be valid UTF-8 (not silently repaired with U+FFFD).
 */
import { LIMITS, type Validated } from "@folio/protocol";

/** The largest body: a 1 MiB message, JSON-escaped, with room for its field names. */
const MAX_BODY_BYTES = 2 * LIMITS.messageContentBytes + 1024;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export function saysJson(request: Request): boolean {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/** The body, decoded; the caller has checked `saysJson`. */
export async function readJsonBody(request: Request): Promise<Validated<unknown>> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) return fail("too_large", `bodies must be at most ${MAX_BODY_BYTES} bytes`);
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES)
    return fail("too_large", `bodies must be at most ${MAX_BODY_BYTES} bytes`);
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return fail("invalid_message", "the body is not valid UTF-8");
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return fail("invalid_message", "the body is not valid JSON");
  }
}

function fail(code: "invalid_message" | "too_large", message: string): Validated<never> {
  return { ok: false, error: { code, message } };
}

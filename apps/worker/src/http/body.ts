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
  const body = await readBytes(request, MAX_BODY_BYTES, `bodies must be at most ${MAX_BODY_BYTES} bytes`);
  if (!body.ok) return body;
  const bytes = body.value;
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

/**
 * The body's bytes, read to at most `limit` whatever its `content-length` says (a chunked body has none): one
 * that says or turns out more is `too_large`, with `message`, and is not read further.
 */
export async function readBytes(
  request: Request,
  limit: number,
  message: string,
): Promise<Validated<Uint8Array>> {
  if (Number(request.headers.get("content-length")) > limit) return fail("too_large", message);
  if (!request.body) return { ok: true, value: new Uint8Array(0) };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return fail("too_large", message);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, value: bytes };
}

function fail(code: "invalid_message" | "too_large", message: string): Validated<never> {
  return { ok: false, error: { code, message } };
}

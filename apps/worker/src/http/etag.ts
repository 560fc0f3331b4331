/**
 * Conditional requests: every successful JSON answer to a GET carries a strong `ETag` (a hash of its body), and a
 * GET whose `If-None-Match` names it is answered `304 Not Modified` with no body. Answers stay `no-store` (they can
 * hold what a browser should not keep); the tag is for clients that revalidate themselves, saving the transfer.
 * An edit's `If-Match` may echo the tag its GET gave (or name a version, as `baseVersion`).
 * No listing is cached in an object's memory: no benchmark has shown one to need it.
 */
import type { Validated } from "@folio/protocol";
import { base64url } from "jose";

/** The strong tag of a JSON answer's body: the same text is the same tag. */
export async function entityTag(body: string | ArrayBuffer): Promise<string> {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `"${base64url.encode(digest.slice(0, 18))}"`;
}

export async function withETag(request: Request, response: Response): Promise<Response> {
  if (request.method !== "GET" || response.status !== 200) return response;
  if (!response.headers.get("content-type")?.startsWith("application/json")) return response;
  const body = await response.arrayBuffer();
  const tag = await entityTag(body);
  const headers = new Headers(response.headers);
  headers.set("etag", tag);
  if (matches(request.headers.get("if-none-match"), tag)) {
    headers.delete("content-type");
    headers.delete("content-length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: 200, headers });
}

/** `If-None-Match` is `*` or a list of tags, each possibly weak (`W/"…"`): weak comparison, as for GET. */
function matches(header: string | null, tag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === tag);
}

/**
 * What an `If-Match` asks: nothing (no header), any current state (`*`), the version an edit is based on (`3`,
 * `"3"` or `W/"3"`: `baseVersion`, refused with 409 `conflict`), or one of the strong tags a GET gave (refused with
 * 412: a weak tag never matches, as HTTP compares them strongly for `If-Match`).
 */
export type IfMatch =
  | { kind: "none" }
  | { kind: "version"; version: number }
  | { kind: "tags"; tags: string[] };

const VERSION = /^\s*(?:W\/)?"?([1-9]\d{0,8})"?\s*$/;
const ENTITY_TAG = /^(W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/;

export function readIfMatch(header: string | null): Validated<IfMatch> {
  if (header === null || header.trim() === "*") return { ok: true, value: { kind: "none" } };
  const version = VERSION.exec(header);
  if (version) return { ok: true, value: { kind: "version", version: Number(version[1]) } };
  const tags: string[] = [];
  for (const candidate of header.split(",")) {
    const tag = ENTITY_TAG.exec(candidate.trim());
    if (!tag) {
      return {
        ok: false,
        error: {
          code: "invalid_message",
          message:
            'If-Match: give the ETag the artifact\'s GET answered, or the version the edit is based on, e.g. "3"',
        },
      };
    }
    if (!tag[1]) tags.push(tag[2] as string);
  }
  return { ok: true, value: { kind: "tags", tags } };
}

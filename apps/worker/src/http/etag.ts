/**
 * Conditional reads: every successful JSON answer to a GET carries a strong `ETag` (a hash of its body), and a
 * GET whose `If-None-Match` names it is answered `304 Not Modified` with no body. Answers stay `no-store` (they can
 * hold what a browser should not keep); the tag is for clients that revalidate themselves, saving the transfer.
 * No listing is cached in an object's memory: no benchmark has shown one to need it.
 */
import { base64url } from "jose";

export async function withETag(request: Request, response: Response): Promise<Response> {
  if (request.method !== "GET" || response.status !== 200) return response;
  if (!response.headers.get("content-type")?.startsWith("application/json")) return response;
  const body = await response.arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
  const tag = `"${base64url.encode(digest.slice(0, 18))}"`;
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

/** The browser's credential, in an HttpOnly, SameSite=Lax cookie (Secure on https) that scripts cannot read. */
export const COOKIE = "folio";
/** Browsers cap a cookie's life at 400 days. */
const MAX_AGE_S = 400 * 24 * 60 * 60;

export function credentialCookie(credential: string, url: URL): string {
  const secure = url.protocol === "https:" ? "; Secure" : "";
  return `${COOKIE}=${credential}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_S}${secure}`;
}

/** A cookie's value from a request's `Cookie` header, or null. */
export function readCookie(request: Request, name: string): string | null {
  for (const pair of (request.headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return null;
}

/**
 * Who is asking: a Cloudflare Access identity (when configured), a bearer token, or the browser's cookie — in
 * that order; the first one presented decides. Each is checked by the workspace it names.
 */
import type { ProtocolError, Validated } from "@folio/protocol";
import type { Env } from "../env.js";
import { ACCESS_HEADER, accessEnabled, accessWorkspaceId, verifyAccessToken } from "./access.js";
import { COOKIE, readCookie } from "./cookie.js";
import { parseCredential } from "./credential.js";

export interface Caller {
  workspaceId: string;
  /** The credential presented (none for an Access identity). */
  credentialId: string | null;
}

const UNAUTHORIZED: ProtocolError = {
  code: "unauthorized",
  message: "sign in: send the workspace's cookie or a bearer token",
};
/** Told apart from no cookie: the app makes a new workspace for a browser that never had one, and only then. */
const SIGNED_OUT: ProtocolError = {
  code: "signed_out",
  message: "this browser is no longer signed in: its cookie opens no workspace",
};

export async function authenticate(request: Request, env: Env): Promise<Validated<Caller>> {
  if (accessEnabled(env)) {
    const assertion = request.headers.get(ACCESS_HEADER);
    if (assertion !== null) {
      const email = await verifyAccessToken(assertion, env);
      if (email === null) return { ok: false, error: UNAUTHORIZED };
      const workspaceId = await accessWorkspaceId(email);
      await env.WORKSPACE.getByName(workspaceId).ensure();
      return { ok: true, value: { workspaceId, credentialId: null } };
    }
  }
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const caller = bearer ? await open(bearer, env) : null;
    return caller ? { ok: true, value: caller } : { ok: false, error: UNAUTHORIZED };
  }
  const cookie = readCookie(request, COOKIE);
  if (!cookie) return { ok: false, error: UNAUTHORIZED };
  const caller = await open(cookie, env);
  return caller ? { ok: true, value: caller } : { ok: false, error: SIGNED_OUT };
}

/** The caller a presented credential is, or null when it opens nothing. */
async function open(presented: string, env: Env): Promise<Caller | null> {
  const credential = parseCredential(presented);
  if (!credential) return null;
  const credentialId = await env.WORKSPACE.getByName(credential.workspaceId).authenticate(credential.secret);
  return credentialId === null ? null : { workspaceId: credential.workspaceId, credentialId };
}

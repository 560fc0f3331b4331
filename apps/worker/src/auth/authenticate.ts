/**
 * Who is asking: a Cloudflare Access identity (when configured), a bearer token, or the browser's cookie — in
 * that order; the first one presented decides. Each is checked by the workspace it names.
 */
import type { Env } from "../env.js";
import { ACCESS_HEADER, accessEnabled, accessWorkspaceId, verifyAccessToken } from "./access.js";
import { COOKIE, readCookie } from "./cookie.js";
import { parseCredential } from "./credential.js";

export interface Caller {
  workspaceId: string;
  /** The credential presented (none for an Access identity). */
  credentialId: string | null;
}

export async function authenticate(request: Request, env: Env): Promise<Caller | null> {
  if (accessEnabled(env)) {
    const assertion = request.headers.get(ACCESS_HEADER);
    if (assertion !== null) {
      const email = await verifyAccessToken(assertion, env);
      if (email === null) return null;
      const workspaceId = await accessWorkspaceId(email);
      await env.WORKSPACE.getByName(workspaceId).ensure();
      return { workspaceId, credentialId: null };
    }
  }
  const authorization = request.headers.get("authorization");
  const bearer = authorization === null ? null : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (authorization !== null && !bearer) return null;
  const presented = bearer ?? readCookie(request, COOKIE);
  if (!presented) return null;
  const credential = parseCredential(presented);
  if (!credential) return null;
  const credentialId = await env.WORKSPACE.getByName(credential.workspaceId).authenticate(credential.secret);
  if (credentialId === null) return null;
  return { workspaceId: credential.workspaceId, credentialId };
}

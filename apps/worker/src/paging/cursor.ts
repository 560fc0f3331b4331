/** Page cursors: the sort key of a page's last row, opaque to clients (base64url of a JSON pair). */
import type { Validated } from "@folio/protocol";
import { base64url } from "jose";

export type CursorKey = [number, string];

export function encodeCursor(key: CursorKey): string {
  return base64url.encode(JSON.stringify(key));
}

export function decodeCursor(cursor: string): Validated<CursorKey> {
  try {
    const key: unknown = JSON.parse(new TextDecoder().decode(base64url.decode(cursor)));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      Number.isSafeInteger(key[0]) &&
      typeof key[1] === "string"
    ) {
      return { ok: true, value: key as CursorKey };
    }
  } catch {
    // Not base64 or not JSON: answered below like any other cursor this server never issued.
  }
  return {
    ok: false,
    error: { code: "invalid_message", message: "cursor: not a cursor this server issued" },
  };
}

/**
 * Whether this browser is signed in, as far as the page can know: its credential is an HttpOnly cookie that no
 * script reads, so the server's answers tell it (`signed_out`), and a note in localStorage remembers that it once
 * had a workspace, so a cookie that has vanished (expired, or cleared alone) is not taken for a first visit.
 */
import { useSyncExternalStore } from "react";

const NOTE = "folio.signed-in";

let signedOut = false;
/** The note, also in memory: a browser without storage still makes one workspace a tab, not one a call. */
let noted = false;
const listeners = new Set<() => void>();

/** Notes that this browser holds a workspace (its cookie just opened one). */
export function noteSignedIn(): void {
  if (noted) return;
  noted = true;
  try {
    localStorage.setItem(NOTE, "1");
  } catch {
    // No storage: the note lasts as long as the page.
  }
}

/** Whether this browser ever held a workspace: a 401 then means it lost it, not that it never had one. */
export function wasSignedIn(): boolean {
  if (noted) return true;
  try {
    return localStorage.getItem(NOTE) !== null;
  } catch {
    return false;
  }
}

/** The app stops, and says so, instead of making an empty workspace in place of the person's own. */
export function markSignedOut(): void {
  if (signedOut) return;
  signedOut = true;
  for (const listener of listeners) listener();
}

export function useSignedOut(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => signedOut,
  );
}

/**
 * What a browser whose cookie opens nothing sees instead of the app: that it is signed out, and the ways back.
 * Nothing is made unless asked: the workspace it had is still there for the browsers signed in to it.
 */
import { useState } from "react";
import { createWorkspace } from "../api/api-client";

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700";

export function SignedOut() {
  const [problem, setProblem] = useState<string | null>(null);
  const startOver = async () => {
    try {
      await createWorkspace();
      // A fresh page: nothing of the lost workspace stays in the cache.
      window.location.assign("/");
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-4 p-6">
      <h1 className="text-xl font-bold">This browser is no longer signed in</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        It was signed out (in Settings, from another browser), or its cookie is gone. Its workspace is not
        deleted: it stays open on the browsers still signed in to it.
      </p>
      <section aria-labelledby="ways-back" className="flex flex-col gap-2 text-sm">
        <h2 id="ways-back" className="font-semibold">
          Ways back
        </h2>
        <ul className="list-disc pl-5">
          <li>
            On a browser still signed in, open Settings, make a link under “Use on another device”, and open
            it here.
          </li>
          <li>
            If this Folio signs in with Cloudflare Access, <a href="/">sign in again</a>.
          </li>
        </ul>
      </section>
      <div>
        <button type="button" className={button} onClick={() => void startOver()}>
          Start a new, empty workspace
        </button>
      </div>
      {problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
    </main>
  );
}

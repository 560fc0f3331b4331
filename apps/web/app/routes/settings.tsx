import {
  type CreatedToken as Created,
  CreatedToken,
  DeviceLinkResponse,
  DevicesResponse,
  TokensResponse,
  WorkspaceSettings,
} from "@folio/protocol";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiJson, apiSend } from "../features/api/api-client";
import { sharesQuery } from "../features/shares/shares";
import { PageHeader } from "../features/workspace/page-header";
import { workspaceKeys } from "../features/workspace/sessions";

export function meta() {
  return [{ title: "Folio settings" }];
}

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700";
const section = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** `/settings`: API tokens for other apps, share links, and binding another device to this workspace. */
export default function SettingsPage() {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 p-3 md:p-6">
      <PageHeader title="Settings" />
      <ApiTokens />
      <ShareLinks />
      <RetentionSetting />
      <AnotherDevice />
      <SignedInBrowsers />
    </main>
  );
}

const RETENTION_CHOICES = [null, 30, 90, 365] as const;

/** How long idle sessions keep what they hold (`/api/settings`). */
function RetentionSetting() {
  const client = useQueryClient();
  const key = ["workspace", "settings"];
  const settings = useQuery({ queryKey: key, queryFn: () => apiJson(WorkspaceSettings, "/api/settings") });
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (value: string) => {
    try {
      const retentionDays = value === "" ? null : Number(value);
      client.setQueryData(
        key,
        await apiJson(WorkspaceSettings, "/api/settings", { method: "PUT", body: { retentionDays } }),
      );
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const days = settings.data?.retentionDays ?? null;
  const choices: (number | null)[] = RETENTION_CHOICES.includes(days as never)
    ? [...RETENTION_CHOICES]
    : [...RETENTION_CHOICES, days];
  return (
    <section aria-labelledby="retention-title" className={section}>
      <h2 id="retention-title" className="font-semibold">
        Retention
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Sessions idle for longer lose their messages and artifacts, except artifacts in a collection or shown
        by a share link. A session left with nothing is deleted.
      </p>
      <label className="mt-3 flex items-center gap-2 text-sm">
        Keep idle sessions
        <select
          aria-label="Keep idle sessions"
          disabled={!settings.data}
          value={days === null ? "" : String(days)}
          onChange={(event) => void choose(event.target.value)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        >
          {choices.map((choice) => (
            <option key={choice ?? "forever"} value={choice === null ? "" : String(choice)}>
              {choice === null ? "forever" : `${choice} days`}
            </option>
          ))}
        </select>
      </label>
      {settings.data && !settings.data.retentionChosen && (
        <p className="mt-1 text-xs text-slate-500">The deployment's default, until you choose.</p>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
    </section>
  );
}

function ApiTokens() {
  const client = useQueryClient();
  const tokens = useQuery({
    queryKey: workspaceKeys.tokens,
    queryFn: async () => (await apiJson(TokensResponse, "/api/tokens")).tokens,
  });
  const [created, setCreated] = useState<Created | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    if (name === "") return;
    try {
      setCreated(await apiJson(CreatedToken, "/api/tokens", { method: "POST", body: { name } }));
      setProblem(null);
      form.reset();
      await client.invalidateQueries({ queryKey: workspaceKeys.tokens });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const revoke = async (id: string, name: string) => {
    if (!confirm(`Revoke “${name}”? Apps using it stop working at once.`)) return;
    try {
      await apiSend(`/api/tokens/${id}`, "DELETE");
      if (created?.id === id) setCreated(null);
      await client.invalidateQueries({ queryKey: workspaceKeys.tokens });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <section aria-labelledby="tokens-title" className={section}>
      <h2 id="tokens-title" className="font-semibold">
        API tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Other apps use a token as <code>Authorization: Bearer …</code> to read and write this workspace.
      </p>
      <form onSubmit={create} className="mt-3 flex gap-2">
        <input
          name="name"
          aria-label="Token name"
          placeholder="What will use it? (e.g. CI)"
          maxLength={100}
          required
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <button type="submit" className={button}>
          Create token
        </button>
      </form>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      {created && (
        <div role="status" className="mt-3 rounded-md bg-amber-50 p-3 text-sm dark:bg-amber-950">
          <p>The token “{created.name}”. Copy it now: it is not shown again.</p>
          <div className="mt-2 flex gap-2">
            <input
              readOnly
              aria-label="New token"
              value={created.token}
              className="min-w-0 flex-1 rounded border px-2 py-1 font-mono text-xs"
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              className={button}
              onClick={() => navigator.clipboard.writeText(created.token)}
            >
              Copy
            </button>
          </div>
        </div>
      )}
      <ul aria-label="Tokens" className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
        {tokens.data?.length === 0 && <li className="py-2 text-sm text-slate-500">No tokens yet.</li>}
        {tokens.data?.map((token) => (
          <li key={token.id} className="flex items-center justify-between gap-2 py-2 text-sm">
            <span>
              <span className="font-medium">{token.name}</span>
              <span className="block text-xs text-slate-500">
                Created {new Date(token.createdAt).toLocaleString()} ·{" "}
                {token.lastUsedAt === null
                  ? "never used"
                  : `last used ${new Date(token.lastUsedAt).toLocaleString()}`}
              </span>
            </span>
            <button
              type="button"
              className={button}
              aria-label={`Revoke ${token.name}`}
              onClick={() => revoke(token.id, token.name)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnotherDevice() {
  const [link, setLink] = useState<{ url: string; expiresAt: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const make = async () => {
    try {
      setLink(await apiJson(DeviceLinkResponse, "/api/device-links", { method: "POST" }));
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <section aria-labelledby="device-title" className={section}>
      <h2 id="device-title" className="font-semibold">
        Use on another device
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Makes a link that opens this workspace in another browser. It works once, within 10 minutes; whoever
        opens it gets your sessions, so send it only to yourself.
      </p>
      <button type="button" className={`${button} mt-3`} onClick={make}>
        {link ? "Make another link" : "Make a link"}
      </button>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      {link && (
        <div className="mt-3 flex gap-2">
          <input
            readOnly
            aria-label="Device link"
            value={link.url}
            className="min-w-0 flex-1 rounded border px-2 py-1 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className={button} onClick={() => navigator.clipboard.writeText(link.url)}>
            Copy
          </button>
          <span className="self-center text-xs text-slate-500">
            until {new Date(link.expiresAt).toLocaleTimeString()}
          </span>
        </div>
      )}
    </section>
  );
}

/** Every browser holding this workspace's cookie, and signing one out (a lost phone, a shared computer). */
function SignedInBrowsers() {
  const client = useQueryClient();
  const devices = useQuery({
    queryKey: workspaceKeys.devices,
    queryFn: async () => (await apiJson(DevicesResponse, "/api/devices")).devices,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const signOut = async (id: string, current: boolean) => {
    const question = current
      ? "Sign this browser out? It will start over with an empty workspace of its own."
      : "Sign that browser out? It loses this workspace at once.";
    if (!confirm(question)) return;
    try {
      await apiSend(`/api/devices/${id}`, "DELETE");
      if (current) location.assign("/");
      else await client.invalidateQueries({ queryKey: workspaceKeys.devices });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  if (devices.data && devices.data.length === 0) return null; // signed in by Cloudflare Access: no cookies
  return (
    <section aria-labelledby="browsers-title" className={section}>
      <h2 id="browsers-title" className="font-semibold">
        Signed-in browsers
      </h2>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      <ul aria-label="Browsers" className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
        {devices.data?.map((device) => {
          const name = device.current
            ? "This browser"
            : `Browser signed in ${new Date(device.createdAt).toLocaleString()}`;
          return (
            <li key={device.id} className="flex items-center justify-between gap-2 py-2 text-sm">
              <span>
                <span className="font-medium">{name}</span>
                <span className="block text-xs text-slate-500">
                  Signed in {new Date(device.createdAt).toLocaleString()} ·{" "}
                  {device.lastUsedAt === null
                    ? "not used since"
                    : `last used ${new Date(device.lastUsedAt).toLocaleString()}`}
                </span>
              </span>
              <button
                type="button"
                className={button}
                aria-label={`Sign out ${device.current ? "this browser" : name}`}
                onClick={() => signOut(device.id, device.current)}
              >
                Sign out
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The workspace's share links: what each shows, when it was last opened, and Revoke. */
function ShareLinks() {
  const client = useQueryClient();
  const shares = useQuery(sharesQuery);
  const [problem, setProblem] = useState<string | null>(null);
  const revoke = async (id: string, title: string) => {
    if (!confirm(`Revoke the link to “${title}”? It opens nothing from then on.`)) return;
    try {
      await apiSend(`/api/shares/${id}`, "DELETE");
      await client.invalidateQueries({ queryKey: sharesQuery.queryKey });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <section aria-labelledby="shares-title" className={section}>
      <h2 id="shares-title" className="font-semibold">
        Share links
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Read-only links made from an artifact's page or a session's header. Anyone holding one can read what
        it shows.
      </p>
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
      {shares.data?.length === 0 && <p className="mt-2 text-sm text-slate-500">No share links.</p>}
      <ul aria-label="Share links" className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
        {shares.data?.map((share) => (
          <li key={share.id} className="flex items-center justify-between gap-2 py-2 text-sm">
            <span>
              <span className="font-medium">{share.title}</span>
              <span className="block text-xs text-slate-500">
                {share.kind === "session"
                  ? "The session"
                  : share.version === null
                    ? "The artifact, always the latest"
                    : `The artifact, version ${share.version}`}{" "}
                · made {new Date(share.createdAt).toLocaleString()} ·{" "}
                {share.lastOpenedAt === null
                  ? "never opened"
                  : `last opened ${new Date(share.lastOpenedAt).toLocaleString()}`}
              </span>
            </span>
            <button
              type="button"
              className={button}
              aria-label={`Revoke the link to ${share.title}`}
              onClick={() => revoke(share.id, share.title)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

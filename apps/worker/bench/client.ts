/** The benchmarks' client of a server: one workspace, its token on every call, each new session from an address of its own. */
export interface BenchClient {
  base: string;
  token: string;
  call(path: string, init?: RequestInit): Promise<Response>;
  newSession(): Promise<string>;
}

export async function benchClient(base: string): Promise<BenchClient> {
  const created = await fetch(`${base}/api/workspaces`, { method: "POST" });
  if (created.status !== 201) throw new Error(`could not create a workspace: ${created.status}`);
  const { token } = (await created.json()) as { token: string };
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${base}${path}`, { ...init, headers });
  };
  return {
    base,
    token,
    call,
    async newSession() {
      const response = await call("/api/sessions", {
        method: "POST",
        // Session creation is limited per address.
        headers: {
          "cf-connecting-ip": `10.9.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`,
        },
      });
      if (response.status !== 201) throw new Error(`could not create a session: ${response.status}`);
      return ((await response.json()) as { sessionId: string }).sessionId;
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * A Folio server of its own, started exactly as `script/start` serves the app (prebuilt): for specs that must stop
 * and restart the server or need settings of their own, and for benchmarks that measure it from outside.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FolioServer {
  url: string;
  /** The state directory, kept across restarts (script/db reads it as FOLIO_STATE_DIR). */
  stateDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Kills the server and everything it started (wrangler, workerd) at once with SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

/** A server on `port` keeping its state in a fresh directory across restarts, with `vars` as Worker variables. */
export function folioServer(port: number, vars: Record<string, string> = {}): FolioServer {
  const dir = mkdtempSync(join(tmpdir(), "folio-server-"));
  const envFile = join(dir, "worker.env");
  writeFileSync(
    envFile,
    Object.entries({ AI_PROVIDER: "offline", ...vars })
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  );
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const stateDir = join(dir, "state");

  /** Starts script/start: it serves, or it exited first, having printed `output` (its end). */
  async function spawnServer(): Promise<{ served: true } | { served: false; output: string }> {
    const started = spawn("bash", [join(import.meta.dirname, "start")], {
      // Its own process group, so that kill() reaches wrangler and workerd too.
      detached: true,
      env: {
        ...process.env,
        PORT: String(port),
        FOLIO_PREBUILT: "1",
        FOLIO_STATE_DIR: stateDir,
        FOLIO_ENV_FILE: envFile,
        FOLIO_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = started;
    let output = "";
    started.stderr?.setEncoding("utf8");
    started.stderr?.on("data", (text: string) => {
      output = (output + text).slice(-4000);
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null) {
        child = null;
        return { served: false, output: output || `(exit code ${started.exitCode}, nothing printed)` };
      }
      try {
        const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (health.ok) return { served: true };
      } catch {
        // not listening yet (or something that is not a Folio server holds the port, and never answers)
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no server on ${url} after 60 s`);
  }

  return {
    url,
    stateDir,
    async start() {
      // A port still held by a server that has just stopped is waited for; any other failure to start is final.
      for (let attempt = 1; ; attempt++) {
        const started = await spawnServer();
        if (started.served) return;
        if (!started.output.includes("Address already in use") || attempt === 3) {
          throw new Error(`script/start exited before serving:\n${started.output}`);
        }
        await portFreed(url, 10_000);
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (!running?.pid || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await exited;
      // script/start has exited once wrangler has, but workerd can hold the port a moment longer, and a start
      // then would find it taken. Whatever still runs after a grace period is killed.
      if (await portFreed(url, 10_000)) return;
      signalGroup(running.pid, "SIGKILL");
      if (!(await portFreed(url, 10_000))) throw new Error(`${url} still answers after SIGTERM and SIGKILL`);
    },
    async kill() {
      const running = child;
      child = null;
      if (!running?.pid || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      signalGroup(running.pid, "SIGKILL");
      await exited;
      // workerd is gone once nothing answers on the port.
      if (!(await portFreed(url, 10_000))) throw new Error(`${url} still answers after SIGKILL`);
    },
  };
}

/** A loopback port nothing listens on now, as the system hands one out: never one a fixed choice could share. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no TCP port for a probe");
  return address.port;
}

/** Signals every process of the group `pid` leads; one that has already gone is no error. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Whether nothing answers on `url` within `ms`. */
async function portFreed(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
    } catch (error) {
      // Refused: nobody listens any more. A timeout means something still holds the port.
      if ((error as Error).name !== "TimeoutError") return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

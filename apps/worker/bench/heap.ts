/**
 * The Worker's JavaScript heap, read through the DevTools protocol of the server's inspector
 * (`FOLIO_INSPECTOR_PORT`). Locally the Worker and its objects share one isolate, so this is all of them: a
 * figure is what is live after a full collection, and an operation's cost is its peak above what was live before.
 */

export interface HeapProbe {
  /** Bytes live after a full collection. */
  live(): Promise<number>;
  /** The most bytes live (each read after a full collection) while `work` runs, above what was live before. */
  peakAbove<T>(work: Promise<T>): Promise<{ result: T; peak: number; before: number }>;
  close(): void;
}

export async function heapProbe(inspectorPort: number): Promise<HeapProbe> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const target = targets[0];
  if (!target) throw new Error(`no inspector target on port ${inspectorPort}`);
  // wrangler's inspector admits a client that says it comes from a local page (Node's WebSocket takes headers).
  const socket = new WebSocket(target.webSocketDebuggerUrl, {
    headers: { origin: "http://127.0.0.1" },
  } as unknown as string[]);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error("the inspector refused the connection")), {
      once: true,
    });
  });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const reply = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply.result);
    if (reply.id !== undefined) waiting.delete(reply.id);
  });
  const send = (method: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  const live = async () => {
    await send("HeapProfiler.collectGarbage");
    return ((await send("Runtime.getHeapUsage")) as { usedSize: number }).usedSize;
  };
  return {
    live,
    async peakAbove(work) {
      const before = await live();
      let done = false;
      let peak = before;
      const watched = work.finally(() => {
        done = true;
      });
      while (!done) {
        peak = Math.max(peak, await live());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return { result: await watched, peak: peak - before, before };
    },
    close: () => socket.close(),
  };
}

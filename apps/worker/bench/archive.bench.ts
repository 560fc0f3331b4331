/**
 * `pnpm bench` (worker): export and import at three sizes, through the server as `script/start` serves it. Each
 * workspace has sessions of 20 artifacts (about 600 bytes of code each), every one then edited once, so an
 * export holds two versions of each. Times `GET /api/export` read to its end (and the zip's size), then
 * `POST /api/import` of that zip into a new workspace; the cost should grow linearly with the artifacts. While the
 * export streams a second time, the Worker's heap is read through its inspector (heap.ts): the export's peak above
 * what was live before it should not grow with the workspace.
 */
import { folioServer } from "../../../script/folio-server.ts";
import { benchClient } from "./client.ts";
import { type HeapProbe, heapProbe } from "./heap.ts";

const port = Number(process.env.BENCH_PORT ?? 8798);
const inspectorPort = Number(process.env.BENCH_INSPECTOR_PORT ?? port + 1000);
const SIZES = (process.env.BENCH_ARCHIVE_SESSIONS ?? "10,100,500").split(",").map(Number);
const PER_SESSION = 20;
const PARALLEL = 4;
const fence = "```";

function answer(session: number): string {
  return Array.from({ length: PER_SESSION }, (_, i) => {
    const body = Array.from(
      { length: 12 },
      (_, line) => `  const value${line} = compute(${session}, ${i}, ${line}); // step ${line} of block ${i}`,
    ).join("\n");
    return `Block ${i}:\n\n${fence}ts file-${i}.ts\nexport function block${i}() {\n${body}\n}\n${fence}\n`;
  }).join("\n");
}

process.env.FOLIO_INSPECTOR_PORT = String(inspectorPort);
const server = folioServer(port);
await server.start();
let heap: HeapProbe | null = null;
try {
  heap = await heapProbe(inspectorPort);
  const rows = [];
  for (const sessions of SIZES) {
    const source = await benchClient(`http://127.0.0.1:${port}`);
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let session = next++; session < sessions; session = next++) {
          const id = await source.newSession();
          const posted = await source.call(`/api/sessions/${id}/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ role: "assistant", content: answer(session) }),
          });
          const { artifacts } = (await posted.json()) as { artifacts: { id: string; content: string }[] };
          for (const artifact of artifacts) {
            await source.call(`/api/sessions/${id}/artifacts/${artifact.id}`, {
              method: "PATCH",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ content: `// edited\n${artifact.content}` }),
            });
          }
        }
      }),
    );
    // The index must hold every session before the workspace exports them all.
    for (;;) {
      const listed = (await (await source.call("/api/sessions?limit=500")).json()) as {
        sessions: { artifactCount: number }[];
      };
      if (
        listed.sessions.reduce((sum, s) => sum + s.artifactCount, 0) >=
        Math.min(sessions, 500) * PER_SESSION
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const exportAll = async () => new Uint8Array(await (await source.call("/api/export")).arrayBuffer());
    const exportStart = performance.now();
    const zip = await exportAll();
    const exported = performance.now() - exportStart;
    // Again, to read the heap: a full collection before each reading slows the export it watches.
    const { peak } = await heap.peakAbove(exportAll());
    const target = await benchClient(`http://127.0.0.1:${port}`);
    const importStart = performance.now();
    const imported = await target.call("/api/import", {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: zip,
    });
    const summary = (await imported.json()) as { sessions: { status: string; versions: number }[] };
    const importTime = performance.now() - importStart;
    const added = summary.sessions.filter((s) => s.status === "added").length;
    if (added !== sessions) throw new Error(`imported ${added} of ${sessions} sessions`);
    const artifacts = sessions * PER_SESSION;
    rows.push({
      sessions,
      artifacts,
      versions: summary.sessions.reduce((sum, s) => sum + s.versions, 0),
      "zip KB": Math.round(zip.length / 1024),
      "export ms": Math.round(exported),
      "export µs/artifact": Math.round((exported * 1000) / artifacts),
      "export heap peak MB": (peak / 1024 / 1024).toFixed(1),
      "import ms": Math.round(importTime),
      "import µs/artifact": Math.round((importTime * 1000) / artifacts),
    });
    process.stderr.write(`archive: ${sessions} sessions done\n`);
  }
  console.log(`Export and import (Node ${process.versions.node}, loopback), 2 versions per artifact:`);
  console.table(rows);
} finally {
  heap?.close();
  await server.stop();
}

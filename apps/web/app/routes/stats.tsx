import { ARTIFACT_TYPES, type ArtifactType, WorkspaceStats } from "@folio/protocol";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { apiJson } from "../features/api/api-client";
import { PageHeader } from "../features/workspace/page-header";

export function meta() {
  return [{ title: "Folio stats" }];
}

const section = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
const table =
  "mt-2 w-full text-left text-sm [&_td]:py-1 [&_td]:pr-3 [&_th]:py-1 [&_th]:pr-3 [&_th]:font-medium";
const COLORS: Record<ArtifactType, string> = {
  "react-component": "#6366f1",
  html: "#f97316",
  css: "#0ea5e9",
  javascript: "#eab308",
  typescript: "#2563eb",
  svg: "#ec4899",
  mermaid: "#14b8a6",
  json: "#64748b",
  markdown: "#8b5cf6",
  python: "#22c55e",
  shell: "#78716c",
  sql: "#ef4444",
  code: "#94a3b8",
};

const statsQuery = {
  queryKey: ["workspace", "stats"],
  queryFn: () => apiJson(WorkspaceStats, "/api/stats"),
};

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * `/stats`: the workspace's figures. Each chart (recharts, loaded with this page only) is drawn for the eye and
 * hidden from assistive technology; the table beside it holds the same figures for keyboard and screen readers.
 */
export default function StatsPage() {
  const stats = useQuery(statsQuery);
  const data = stats.data;
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-4 p-3 md:p-6">
      <PageHeader title="Stats" />
      {!data ? (
        <p role="status" className="text-sm text-slate-500">
          {stats.isError ? `Could not load the stats: ${stats.error.message}` : "Loading…"}
        </p>
      ) : (
        <>
          <section aria-labelledby="totals-title" className={section}>
            <h2 id="totals-title" className="font-semibold">
              Workspace
            </h2>
            <dl className="mt-2 grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
              {[
                ["Sessions", String(data.sessions)],
                ["Artifacts", String(data.artifacts)],
                ["Content stored", bytes(data.storage.contentBytes)],
                ["Workspace database", bytes(data.storage.workspaceBytes)],
              ].map(([term, value]) => (
                <div key={term}>
                  <dt className="text-slate-500">{term}</dt>
                  <dd className="text-xl font-semibold">{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <ByDay timeline={data.timeline} />
          <div className="grid gap-4 md:grid-cols-2">
            <Counts
              title="By type"
              rows={data.byType.map((row) => ({ name: row.type, count: row.count }))}
              heading="Type"
            />
            <Counts
              title="By language"
              rows={data.byLanguage.map((row) => ({ name: row.language, count: row.count }))}
              heading="Language"
            />
          </div>
          <section aria-labelledby="reused-title" className={section}>
            <h2 id="reused-title" className="font-semibold">
              Most reused
            </h2>
            {data.mostReused.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500">Nothing copied, downloaded or viewed yet.</p>
            ) : (
              <table className={table}>
                <thead>
                  <tr>
                    <th scope="col">Artifact</th>
                    <th scope="col">Copies</th>
                    <th scope="col">Downloads</th>
                    <th scope="col">Views</th>
                    <th scope="col">Previews</th>
                    <th scope="col">Edits</th>
                  </tr>
                </thead>
                <tbody>
                  {data.mostReused.map((usage) => (
                    <tr key={usage.artifactId}>
                      <th scope="row">
                        <Link to={`/s/${usage.sessionId}/a/${usage.artifactId}`} className="underline">
                          {usage.title}
                        </Link>
                      </th>
                      <td>{usage.copies}</td>
                      <td>{usage.downloads}</td>
                      <td>{usage.views}</td>
                      <td>{usage.previews}</td>
                      <td>{usage.edits}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </main>
  );
}

function Counts({
  title,
  rows,
  heading,
}: {
  title: string;
  rows: { name: string; count: number }[];
  heading: string;
}) {
  const id = `${heading.toLowerCase()}-title`;
  return (
    <section aria-labelledby={id} className={section}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {rows.length > 0 && (
        <div aria-hidden="true" className="mt-2 h-48" data-chart={heading}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ left: 24 }}>
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={110} />
              <Tooltip />
              <Bar dataKey="count" fill="#6366f1" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <table className={table}>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Artifacts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">{row.name}</th>
              <td>{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ByDay({ timeline }: { timeline: WorkspaceStats["timeline"] }) {
  const days = [...new Set(timeline.map((entry) => entry.day))];
  const types = ARTIFACT_TYPES.filter((type) => timeline.some((entry) => entry.type === type));
  const rows = days.map((day) => {
    const row: Record<string, string | number> = { day };
    for (const entry of timeline) if (entry.day === day) row[entry.type] = entry.count;
    return row;
  });
  return (
    <section aria-labelledby="days-title" className={section}>
      <h2 id="days-title" className="font-semibold">
        Artifacts made per day (last 90 days)
      </h2>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">No artifacts in the last 90 days.</p>
      ) : (
        <>
          <div aria-hidden="true" className="mt-2 h-56" data-chart="days">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {types.map((type) => (
                  <Bar
                    key={type}
                    dataKey={type}
                    stackId="types"
                    fill={COLORS[type]}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className={table}>
            <caption className="sr-only">Artifacts made per day, by type</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {types.map((type) => (
                  <th key={type} scope="col">
                    {type}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.day}>
                  <th scope="row">{row.day}</th>
                  {types.map((type) => (
                    <td key={type}>{row[type] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

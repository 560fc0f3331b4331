import type { Artifact } from "@folio/protocol";
import { expect, it } from "vitest";
import { ALL, distinct, viewArtifacts } from "./filter";

const make = (
  title: string,
  type: Artifact["type"],
  language: string | null,
  content: string,
  createdAt: number,
): Artifact => ({
  id: title,
  sessionId: "s",
  messageId: "1",
  title,
  description: null,
  type,
  content,
  language,
  metadata: {},
  createdAt,
  updatedAt: createdAt,
  version: 1,
});

const artifacts = [
  make("theme.css", "css", "css", "body { color: navy }", 1),
  make("fib.py", "python", "python", "def fib(n): pass", 2),
  make("report.sql", "sql", "sql", "SELECT name FROM customers", 3),
];

it("shows everything newest first by default", () => {
  expect(viewArtifacts(artifacts, ALL).map((a) => a.title)).toEqual(["report.sql", "fib.py", "theme.css"]);
});

it("filters by type and language, and searches every word in title and content", () => {
  expect(viewArtifacts(artifacts, { ...ALL, type: "css" }).map((a) => a.title)).toEqual(["theme.css"]);
  expect(viewArtifacts(artifacts, { ...ALL, language: "python" }).map((a) => a.title)).toEqual(["fib.py"]);
  expect(viewArtifacts(artifacts, { ...ALL, query: "SELECT customers" }).map((a) => a.title)).toEqual([
    "report.sql",
  ]);
  expect(viewArtifacts(artifacts, { ...ALL, query: "select navy" })).toEqual([]);
});

it("sorts by title or oldest first, and lists the distinct types", () => {
  expect(viewArtifacts(artifacts, { ...ALL, sort: "title" }).map((a) => a.title)).toEqual([
    "fib.py",
    "report.sql",
    "theme.css",
  ]);
  expect(viewArtifacts(artifacts, { ...ALL, sort: "oldest" }).map((a) => a.title)).toEqual([
    "theme.css",
    "fib.py",
    "report.sql",
  ]);
  expect(distinct(artifacts, "type")).toEqual(["css", "python", "sql"]);
});

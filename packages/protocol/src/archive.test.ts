import { describe, expect, it } from "vitest";
import { ExportQuery, FolioExport, fileNameOf, validate } from "./index.js";

describe("an artifact's file name", () => {
  it.each([
    [{ title: "Counter.tsx", type: "react-component", language: "tsx" }, "Counter.tsx"],
    [{ title: "src/App.tsx", type: "react-component", language: "tsx" }, "App.tsx"],
    [{ title: "Python snippet 2", type: "python", language: "python" }, "Python-snippet-2.py"],
    [{ title: "Landing page", type: "html", language: "html" }, "Landing-page.html"],
    [{ title: "Shell snippet 1", type: "shell", language: "bash" }, "Shell-snippet-1.sh"],
    [{ title: "Notes", type: "code", language: null }, "Notes.txt"],
    // Never a path out of the folder it is written to.
    [{ title: "../../etc/passwd", type: "code", language: null }, "etc-passwd.txt"],
    [{ title: "a/../..", type: "code", language: null }, "a.txt"],
    [{ title: "..", type: "code", language: null }, "artifact.txt"],
    [{ title: 'x:"y".js', type: "javascript", language: "javascript" }, "x--y-.js"],
    // A language named like an object's built-in property is a language it has no extension for.
    [{ title: "Notes", type: "code", language: "constructor" }, "Notes.txt"],
    [{ title: "Notes", type: "python", language: "__proto__" }, "Notes.py"],
  ] as const)("of %j is %s", (artifact, name) => {
    expect(fileNameOf(artifact)).toBe(name);
  });
});

describe("the export manifest", () => {
  const version = {
    version: 1,
    title: "App.tsx",
    description: null,
    type: "react-component",
    language: "tsx",
    metadata: {},
    createdAt: 1,
    source: "model",
    messageId: "2",
    restoredFrom: null,
    path: "Chat/App.tsx",
    bytes: 10,
    sha256: "a".repeat(64),
  };
  const manifest = (versions: unknown[], path = "Chat") => ({
    format: "folio-export",
    version: 1,
    exportedAt: 1,
    scope: "session",
    sessions: [
      {
        id: "s",
        title: "Chat",
        createdAt: 1,
        folder: path,
        messages: [],
        artifacts: [{ id: "a", messageId: "2", createdAt: 1, versions }],
      },
    ],
    collections: [],
  });

  it("accepts versions numbered from 1 in order", () => {
    expect(validate(FolioExport, manifest([version, { ...version, version: 2 }])).ok).toBe(true);
  });

  it.each([
    ["a gap in the versions", manifest([version, { ...version, version: 3 }])],
    ["no versions", manifest([])],
    ["a folder out of the archive", manifest([version], "../x")],
    ["a format it does not know", { ...manifest([version]), version: 2 }],
    ["a field it does not know", { ...manifest([version]), extra: true }],
  ])("refuses %s", (_, value) => {
    const result = validate(FolioExport, value);
    expect(result.ok).toBe(false);
  });

  it("names at most one scope to export", () => {
    expect(validate(ExportQuery, { sessionId: "s" }).ok).toBe(true);
    expect(validate(ExportQuery, {}).ok).toBe(true);
    expect(validate(ExportQuery, { sessionId: "s", collectionId: "c" }).ok).toBe(false);
  });
});

import { expect, it } from "vitest";
import { fileNameOf } from "./files";

it.each([
  [{ title: "Counter.tsx", type: "react-component", language: "tsx" }, "Counter.tsx"],
  [{ title: "src/App.tsx", type: "react-component", language: "tsx" }, "App.tsx"],
  [{ title: "Python snippet 2", type: "python", language: "python" }, "Python-snippet-2.py"],
  [{ title: "Landing page", type: "html", language: "html" }, "Landing-page.html"],
  [{ title: "Shell snippet 1", type: "shell", language: "bash" }, "Shell-snippet-1.sh"],
  [{ title: "Notes", type: "code", language: null }, "Notes.txt"],
] as const)("downloads %j as %s", (artifact, name) => {
  expect(fileNameOf(artifact)).toBe(name);
});

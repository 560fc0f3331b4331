import { expect, it } from "vitest";
import {
  COMPONENT_FILE,
  ComponentCompileError,
  compileComponent,
  componentCandidates,
  DEFINE_GLOBAL,
  errorLocation,
  type ModuleFunction,
  pickComponent,
} from "./compile-component";

/** Compiles `source` and runs the module it defines as the runtime does: as a script element. */
function load(source: string): Record<string, unknown> {
  let defined: ModuleFunction | null = null;
  (window as unknown as Record<string, unknown>)[DEFINE_GLOBAL] = (module: ModuleFunction) => {
    defined = module;
  };
  const script = document.createElement("script");
  script.textContent = compileComponent(source);
  document.head.appendChild(script);
  const module = { exports: {} as Record<string, unknown> };
  const react = { createElement: () => null, useState: () => [0, () => {}] };
  (defined as unknown as ModuleFunction)(
    (name) => (name === "react" ? react : {}),
    module,
    module.exports,
    react,
  );
  return module.exports;
}

it("finds the capitalised top-level declarations in source order", () => {
  const source = `import React from "react";
const Button = () => <button />;
function helper() {}
export function Card() { return <div />; }
export default class Page extends React.Component {}
  const Nested = 1;`;
  expect(componentCandidates(source)).toEqual(["Button", "Card", "Page"]);
});

it("renders the default export when there is one", () => {
  const exports = load(
    `export default function Counter() { return <p>1</p>; }\nexport const Other = () => null;`,
  );
  expect((pickComponent(exports) as { name: string }).name).toBe("Counter");
});

it("falls back to the last component declared when nothing is exported", () => {
  const exports = load(
    `const Header = () => <h1 />;\nfunction App(): JSX.Element { return <Header />; }\nconst count = 3;`,
  );
  expect((pickComponent(exports) as { name: string }).name).toBe("App");
  expect(pickComponent(load("const answer: number = 42;"))).toBeNull();
});

it("keeps every line where it was, so errors point into the artifact", () => {
  const source = `type Props = { n: number };\n\nexport default function Broken({ n }: Props) {\n  throw new Error("boom " + n);\n}`;
  const exports = load(source);
  let thrown: unknown;
  try {
    (exports.default as (props: { n: number }) => void)({ n: 1 });
  } catch (error) {
    thrown = error;
  }
  expect(errorLocation(thrown)?.line).toBe(4);
  expect(compileComponent(source)).toContain(`//# sourceURL=${COMPONENT_FILE}`);
});

it("reports a compile error with its line and column", () => {
  expect(() => compileComponent("const ok = 1;\nconst broken = <div>;\n")).toThrow(ComponentCompileError);
  try {
    compileComponent("const ok = 1;\nconst broken = <div>;\n");
  } catch (error) {
    expect((error as ComponentCompileError).location?.line).toBe(2);
    expect((error as ComponentCompileError).message).toMatch(/\(line 2, column \d+\)$/);
  }
});

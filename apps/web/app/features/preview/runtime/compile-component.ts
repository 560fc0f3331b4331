/**
 * Turns a TSX/JSX component artifact into a script the React preview runtime can run: TypeScript and JSX
 * compiled by sucrase (which keeps every line where it was, so error line numbers point into the artifact),
 * imports turned into `require` calls, and the module wrapped so the runtime can read what it defines.
 */
import { transform } from "sucrase";

/** The file name compiled code reports in stack traces; errors are located by it. */
export const COMPONENT_FILE = "component.tsx";

/** The global through which a compiled module hands itself to the runtime. */
export const DEFINE_GLOBAL = "__folioDefine";

export interface SourceLocation {
  line: number;
  column: number;
}

/** The artifact is not valid TSX: the message and where in the artifact it is. */
export class ComponentCompileError extends Error {
  override readonly name = "ComponentCompileError";
  constructor(
    readonly reason: string,
    readonly location: SourceLocation | null,
  ) {
    super(location ? `${reason} (line ${location.line}, column ${location.column})` : reason);
  }
}

/** A module function as the runtime calls it: CommonJS-style, with React in scope for classic JSX. */
export type ModuleFunction = (
  require: (specifier: string) => unknown,
  module: { exports: Record<string, unknown> },
  exports: Record<string, unknown>,
  React: unknown,
) => void;

// Top-level declarations whose names start with a capital letter: the components a module may define.
const COMPONENT_DECLARATION =
  /^(?:export\s+(?:default\s+)?)?(?:async\s+)?(?:function\s*\*?\s*|class\s+|(?:const|let|var)\s+)([A-Z][\w$]*)/gm;

/** Names of the capitalised top-level functions, classes and bindings, in source order. */
export function componentCandidates(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(COMPONENT_DECLARATION)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * The script that defines the artifact's module: `__folioDefine(function (require, module, exports, React) {…})`.
 * The wrapper opens on the artifact's first line and closes after its last, so line N of the artifact is line N
 * of the script; `module.exports.__candidates` maps each candidate name to what it holds once the module ran.
 */
export function compileComponent(source: string): string {
  let code: string;
  try {
    code = transform(source, {
      transforms: ["typescript", "jsx", "imports"],
      jsxRuntime: "classic",
      production: true,
      filePath: COMPONENT_FILE,
    }).code;
  } catch (error) {
    throw toCompileError(error);
  }
  const candidates = componentCandidates(source)
    .map((name) => `${JSON.stringify(name)}: typeof ${name} === "undefined" ? undefined : ${name}`)
    .join(", ");
  return (
    `${DEFINE_GLOBAL}(function (require, module, exports, React) {${code}\n` +
    `;module.exports.__candidates = {${candidates}};\n});\n//# sourceURL=${COMPONENT_FILE}`
  );
}

function toCompileError(error: unknown): ComponentCompileError {
  const message = error instanceof Error ? error.message : String(error);
  const loc = (error as { loc?: { line?: unknown; column?: unknown } }).loc;
  const location =
    loc && typeof loc.line === "number" && typeof loc.column === "number"
      ? { line: loc.line, column: loc.column + 1 }
      : null;
  // sucrase appends "(line:column)" to its messages; the location is reported separately.
  return new ComponentCompileError(message.replace(/\s*\(\d+:\d+\)$/, ""), location);
}

/** Where in the artifact an error was thrown, read from its stack, or null when it came from elsewhere. */
export function errorLocation(error: unknown): SourceLocation | null {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const match = new RegExp(`${COMPONENT_FILE.replace(".", "\\.")}:(\\d+):(\\d+)`).exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

/**
 * The component to render from a module's exports: the default export, else the last capitalised declaration
 * that is a component (a function, or a memo/forwardRef/lazy object); null when there is none.
 */
export function pickComponent(exports: Record<string, unknown>): unknown {
  if (isComponent(exports.default)) return exports.default;
  const candidates = Object.values((exports.__candidates as Record<string, unknown> | undefined) ?? {});
  for (let i = candidates.length - 1; i >= 0; i--) {
    if (isComponent(candidates[i])) return candidates[i];
  }
  return null;
}

function isComponent(value: unknown): boolean {
  return typeof value === "function" || (typeof value === "object" && value !== null && "$$typeof" in value);
}

/**
 * The React preview runtime: bundled on its own (`vite.preview.config.ts`) into `/preview/react-runtime.js` and
 * loaded only inside a preview's sandbox, never by the app. It compiles the artifact, runs it with the React of
 * this bundle, renders its component into #root, and shows compile and runtime errors with their line numbers.
 */

import * as React from "react";
import { Component, createElement, type ErrorInfo, type ReactNode } from "react";
import * as jsxRuntime from "react/jsx-runtime";
import * as ReactDOM from "react-dom";
import * as ReactDOMClient from "react-dom/client";
import {
  compileComponent,
  DEFINE_GLOBAL,
  errorLocation,
  type ModuleFunction,
  pickComponent,
  type SourceLocation,
} from "./compile-component";

declare global {
  interface Window {
    __folioPreview?: { source: string };
    [DEFINE_GLOBAL]?: (module: ModuleFunction) => void;
  }
}

// Set when the artifact mounts itself (createRoot(...).render(...)) rather than leaving that to the runtime.
let mountedItself = false;
const client = {
  ...ReactDOMClient,
  createRoot: (...args: Parameters<typeof ReactDOMClient.createRoot>) => {
    mountedItself = true;
    return ReactDOMClient.createRoot(...args);
  },
  hydrateRoot: (...args: Parameters<typeof ReactDOMClient.hydrateRoot>) => {
    mountedItself = true;
    return ReactDOMClient.hydrateRoot(...args);
  },
};

const MODULES: Record<string, unknown> = {
  react: React,
  "react-dom": ReactDOM,
  "react-dom/client": client,
  "react/jsx-runtime": jsxRuntime,
  "react/jsx-dev-runtime": jsxRuntime,
};

function requireModule(specifier: string): unknown {
  if (specifier in MODULES) return MODULES[specifier];
  // Stylesheets imported for their side effects have nothing to apply in a preview.
  if (/\.(css|scss|sass|less)$/.test(specifier)) return {};
  throw new Error(`Cannot import "${specifier}": a preview can use react and react-dom only`);
}

function describe(kind: string, error: unknown, location: SourceLocation | null): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return location ? `${kind} on line ${location.line}: ${message}` : `${kind}: ${message}`;
}

function showError(text: string): void {
  const panel =
    document.getElementById("folio-error") ?? document.body.appendChild(document.createElement("pre"));
  panel.id = "folio-error";
  panel.setAttribute("role", "alert");
  panel.textContent = panel.textContent ? `${panel.textContent}\n${text}` : text;
}

class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override componentDidCatch(error: unknown, _info: ErrorInfo) {
    showError(describe("Runtime error", error, errorLocation(error)));
  }
  override render() {
    return this.state.error === null ? this.props.children : null;
  }
}

function run(source: string): void {
  let script: string;
  try {
    script = compileComponent(source);
  } catch (error) {
    showError(`Compile error${error instanceof Error ? `: ${error.message}` : ""}`);
    return;
  }

  let defined: ModuleFunction | null = null;
  window[DEFINE_GLOBAL] = (module) => {
    defined = module;
  };
  // Errors thrown later, in event handlers and timers, reach the page; show them too.
  addEventListener("error", (event) =>
    showError(describe("Runtime error", event.error ?? event.message, errorLocation(event.error))),
  );
  addEventListener("unhandledrejection", (event) =>
    showError(describe("Unhandled rejection", event.reason, errorLocation(event.reason))),
  );
  const element = document.createElement("script");
  element.textContent = script;
  document.head.appendChild(element);
  if (defined === null) return; // a syntax error sucrase let through; the error listener showed it

  const module = { exports: {} as Record<string, unknown> };
  try {
    (defined as ModuleFunction)(requireModule, module, module.exports, React);
  } catch (error) {
    showError(describe("Runtime error", error, errorLocation(error)));
    return;
  }

  if (mountedItself) return; // it rendered itself; a second root would replace what it drew
  const root = document.getElementById("root") as HTMLElement;
  const component = pickComponent(module.exports);
  if (component === null) {
    showError(
      "Nothing to render: export a component (default export) or declare one with a capitalised name.",
    );
    return;
  }
  ReactDOMClient.createRoot(root).render(
    createElement(ErrorBoundary, null, createElement(component as React.ComponentType)),
  );
}

const preview = window.__folioPreview;
if (preview) run(preview.source);

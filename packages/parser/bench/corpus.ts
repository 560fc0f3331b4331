/**
 * A deterministic corpus shaped like assistant answers: prose with inline markup, headings, numbered steps
 * whose code blocks sit inside list items, top-level blocks in many languages, block quotes, tables, and the
 * occasional longer fence around a shorter one.
 */

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the component renders a list of items and keeps its state in a reducer so that every update is " +
  "predictable you can pass props to customise the layout while the hook fetches data from the api " +
  "and caches it this keeps the page fast even when the network is slow note that errors are shown " +
  "inline and the form validates each field before it submits"
).split(" ");

const SNIPPETS: Record<string, string[]> = {
  tsx: [
    'import { useState } from "react";',
    "",
    "export default function Counter({ start = 0 }: { start?: number }) {",
    "  const [count, setCount] = useState(start);",
    "  return (",
    '    <button type="button" onClick={() => setCount((c) => c + 1)}>',
    "      Clicked {count} times",
    "    </button>",
    "  );",
    "}",
  ],
  html: [
    "<!doctype html>",
    '<html lang="en">',
    "  <head><title>Landing page</title></head>",
    "  <body>",
    "    <h1>Hello</h1>",
    '    <p class="lead">Welcome to the <em>demo</em>.</p>',
    "  </body>",
    "</html>",
  ],
  css: [".card {", "  display: grid;", "  gap: 1rem;", "  padding: 1.5rem;", "  border-radius: 12px;", "}"],
  python: [
    "def fibonacci(n: int) -> list[int]:",
    '    """Returns the first n Fibonacci numbers."""',
    "    a, b = 0, 1",
    "    out = []",
    "    for _ in range(n):",
    "        out.append(a)",
    "        a, b = b, a + b",
    "    return out",
  ],
  sql: [
    "SELECT u.id, u.name, count(o.id) AS orders",
    "FROM users u",
    "LEFT JOIN orders o ON o.user_id = u.id",
    "GROUP BY u.id;",
  ],
  json: ["{", '  "name": "demo",', '  "version": "1.0.0",', '  "scripts": { "start": "node index.js" }', "}"],
  bash: ["npm install --save react react-dom", "npm run build"],
};

function sentence(next: () => number): string {
  const length = 8 + Math.floor(next() * 14);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    let word = WORDS[Math.floor(next() * WORDS.length)] as string;
    const roll = next();
    if (roll < 0.05) word = `\`${word}()\``;
    else if (roll < 0.08) word = `**${word}**`;
    else if (roll < 0.1) word = `[${word}](https://example.com/${word})`;
    words.push(word);
  }
  const text = words.join(" ");
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number): string {
  const count = 2 + Math.floor(next() * 4);
  return Array.from({ length: count }, () => sentence(next)).join(" ");
}

function codeLines(next: () => number, lang: string, indent = ""): string {
  const lines = SNIPPETS[lang] ?? [];
  const repeat = 1 + Math.floor(next() * 3);
  const body: string[] = [];
  for (let i = 0; i < repeat; i++) body.push(...lines);
  return body.map((line) => (line === "" ? "" : indent + line)).join("\n");
}

function fence(next: () => number, indent = ""): string {
  const langs = Object.keys(SNIPPETS);
  const lang = langs[Math.floor(next() * langs.length)] as string;
  const info = next() < 0.3 ? `${lang} title="example.${lang}"` : lang;
  const marker = next() < 0.9 ? "```" : "~~~";
  return `${indent}${marker}${info}\n${codeLines(next, lang, indent)}\n${indent}${marker}`;
}

function answer(next: () => number): string {
  const parts: string[] = [paragraph(next)];
  const sections = 1 + Math.floor(next() * 3);
  for (let s = 0; s < sections; s++) {
    parts.push(`## ${sentence(next).slice(0, 30)}`, paragraph(next));
    const roll = next();
    if (roll < 0.35) {
      const steps = 2 + Math.floor(next() * 3);
      for (let i = 1; i <= steps; i++) parts.push(`${i}. ${sentence(next)}\n\n${fence(next, "   ")}`);
    } else if (roll < 0.5) {
      parts.push(`- ${sentence(next)}\n- ${sentence(next)}\n  - ${sentence(next)}`);
      parts.push(fence(next));
    } else if (roll < 0.6) {
      parts.push(`> ${sentence(next)}\n>\n${fence(next, "> ")}`);
    } else if (roll < 0.67) {
      parts.push("| name | type |\n| --- | --- |\n| id | number |\n| title | string |");
    } else if (roll < 0.72) {
      parts.push(`\`\`\`\`markdown\nUse a fence:\n\n${fence(next)}\n\`\`\`\``);
    } else {
      parts.push(fence(next));
    }
    parts.push(paragraph(next));
  }
  return parts.join("\n\n");
}

/** Answers joined until the corpus is at least `minBytes` characters long (all ASCII, so bytes). */
export function assistantCorpus(minBytes: number, seed = 42): string {
  const next = random(seed);
  const answers: string[] = [];
  let length = 0;
  while (length < minBytes) {
    const text = answer(next);
    answers.push(text);
    length += text.length + 2;
  }
  return `${answers.join("\n\n")}\n`;
}

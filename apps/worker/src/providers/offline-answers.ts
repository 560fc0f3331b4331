/** The offline model's answers: realistic prose around code blocks, chosen by what the prompt asks for. */
const fence = "```";

interface Answer {
  matches: RegExp;
  text: string;
}

const ANSWERS: readonly Answer[] = [
  {
    matches: /\b(svg|icon|logo)\b/i,
    text: `Here is a simple SVG logo you can drop into any page:

${fence}svg title="logo.svg"
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">
  <circle cx="60" cy="60" r="54" fill="#4f46e5" />
  <path d="M38 64l16 16 30-40" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" />
</svg>
${fence}

It scales to any size because it only uses a \`viewBox\`.
`,
  },
  {
    matches: /\b(mermaid|diagram|flow ?chart|sequence)\b/i,
    text: `This diagram shows how an answer becomes an artifact:

${fence}mermaid title="Artifact flow"
flowchart LR
  Model -->|tokens| Parser
  Parser -->|closed block| Store[(SQLite)]
  Store -->|artifact_created| Browser
${fence}
`,
  },
  {
    matches: /\b(python|script|py)\b/i,
    text: `Here is a small Python script that counts words in a file:

${fence}python title="wordcount.py"
import sys
from collections import Counter


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        words = handle.read().split()
    for word, count in Counter(words).most_common(10):
        print(f"{count:5} {word}")


if __name__ == "__main__":
    main(sys.argv[1])
${fence}

Run it with:

${fence}bash
python wordcount.py README.md
${fence}
`,
  },
  {
    matches: /\b(sql|query|database|table)\b/i,
    text: `Here is a schema and a query for the top customers:

${fence}sql title="top_customers.sql"
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, total REAL NOT NULL);

SELECT customer, SUM(total) AS spent
FROM orders
GROUP BY customer
ORDER BY spent DESC
LIMIT 5;
${fence}
`,
  },
  {
    matches: /\b(json|config|package)\b/i,
    text: `Here is a minimal \`package.json\`:

${fence}json title="package.json"
{
  "name": "hello",
  "private": true,
  "type": "module",
  "scripts": { "start": "node index.js" }
}
${fence}
`,
  },
  {
    matches: /\b(css|style|stylesheet)\b/i,
    text: `These styles give any page a clean card layout:

${fence}css title="cards.css"
body { font-family: system-ui, sans-serif; background: #f8fafc; margin: 0; padding: 2rem; }
.card { background: white; border-radius: 12px; padding: 1.5rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.1); }
h1 { color: #4f46e5; }
${fence}
`,
  },
  {
    matches: /\b(html|page|website|landing)\b/i,
    text: `Here is a complete landing page in one HTML file:

${fence}html title="index.html"
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Launch</title>
    <style>
      body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 100vh; margin: 0; }
      button { font-size: 1.25rem; padding: 0.75rem 1.5rem; border-radius: 999px; border: 0; background: #4f46e5; color: white; }
    </style>
  </head>
  <body>
    <main>
      <h1>Ship faster</h1>
      <button id="cta">Get started</button>
    </main>
    <script>
      document.getElementById("cta").addEventListener("click", (event) => {
        event.target.textContent = "Welcome aboard!";
      });
    </script>
  </body>
</html>
${fence}
`,
  },
  {
    matches: /\b(shell|bash|command|install)\b/i,
    text: `To set the project up:

1. Install the dependencies:
   ${fence}bash
   pnpm install
   ${fence}
2. Start the app:
   ${fence}bash
   pnpm start
   ${fence}
`,
  },
];

const REACT_ANSWER = `Here is a React counter component with state:

${fence}tsx title="Counter.tsx"
import { useState } from "react";

export default function Counter() {
  const [count, setCount] = useState(0);
  return (
    <div style={{ fontFamily: "system-ui", padding: 24 }}>
      <p>You clicked {count} times</p>
      <button type="button" onClick={() => setCount(count + 1)}>
        Click me
      </button>
    </div>
  );
}
${fence}

It keeps the count in \`useState\`, so each click re-renders the component.
`;

export function cannedAnswer(prompt: string): string {
  return ANSWERS.find((answer) => answer.matches.test(prompt))?.text ?? REACT_ANSWER;
}

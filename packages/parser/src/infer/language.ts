/** Normalises the many names models give a language to one id per language (the ids shiki uses). */
// Maps, not objects: a name from an info string ("constructor", "__proto__") must not find an object's own
// built-in properties.
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    js: "javascript",
    mjs: "javascript",
    cjs: "javascript",
    javascript: "javascript",
    node: "javascript",
    jsx: "jsx",
    ts: "typescript",
    mts: "typescript",
    cts: "typescript",
    typescript: "typescript",
    tsx: "tsx",
    sh: "bash",
    bash: "bash",
    zsh: "bash",
    shell: "bash",
    shellscript: "bash",
    console: "bash",
    shellsession: "bash",
    terminal: "bash",
    py: "python",
    python: "python",
    python3: "python",
    py3: "python",
    yml: "yaml",
    yaml: "yaml",
    md: "markdown",
    markdown: "markdown",
    mdx: "mdx",
    htm: "html",
    html: "html",
    xhtml: "html",
    svg: "svg",
    xml: "xml",
    css: "css",
    scss: "scss",
    sass: "sass",
    less: "less",
    json: "json",
    jsonc: "jsonc",
    json5: "json5",
    sql: "sql",
    postgres: "sql",
    postgresql: "sql",
    mysql: "sql",
    sqlite: "sql",
    mermaid: "mermaid",
    mmd: "mermaid",
    rs: "rust",
    rust: "rust",
    go: "go",
    golang: "go",
    rb: "ruby",
    ruby: "ruby",
    "c++": "cpp",
    cpp: "cpp",
    cc: "cpp",
    c: "c",
    h: "c",
    cs: "csharp",
    csharp: "csharp",
    java: "java",
    kt: "kotlin",
    kotlin: "kotlin",
    swift: "swift",
    php: "php",
    dockerfile: "dockerfile",
    docker: "dockerfile",
    toml: "toml",
    ini: "ini",
    diff: "diff",
    patch: "diff",
    graphql: "graphql",
    gql: "graphql",
    vue: "vue",
    svelte: "svelte",
    text: "text",
    txt: "text",
    plaintext: "text",
  }),
);

const EXTENSIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    js: "javascript",
    mjs: "javascript",
    cjs: "javascript",
    jsx: "jsx",
    ts: "typescript",
    mts: "typescript",
    tsx: "tsx",
    py: "python",
    sh: "bash",
    bash: "bash",
    zsh: "bash",
    yml: "yaml",
    yaml: "yaml",
    md: "markdown",
    html: "html",
    htm: "html",
    svg: "svg",
    css: "css",
    scss: "scss",
    json: "json",
    sql: "sql",
    mmd: "mermaid",
    rs: "rust",
    go: "go",
    rb: "ruby",
    java: "java",
    toml: "toml",
    xml: "xml",
  }),
);

/** The normalised id of a language name from an info string (unknown names are kept, lower-cased). */
export function normaliseLanguage(name: string | null): string | null {
  if (name === null) return null;
  const key = name
    .toLowerCase()
    .replace(/^\{?\.?/, "")
    .replace(/\}$/, "");
  if (key === "") return null;
  return ALIASES.get(key) ?? key;
}

/** The language a file name's extension implies, if any. */
export function languageOfFileName(fileName: string): string | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined ? null : (EXTENSIONS.get(extension) ?? null);
}

const DISPLAY_NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    javascript: "JavaScript",
    jsx: "JSX",
    typescript: "TypeScript",
    tsx: "TSX",
    bash: "Shell",
    python: "Python",
    yaml: "YAML",
    markdown: "Markdown",
    html: "HTML",
    svg: "SVG",
    xml: "XML",
    css: "CSS",
    scss: "SCSS",
    json: "JSON",
    sql: "SQL",
    mermaid: "Mermaid",
    rust: "Rust",
    go: "Go",
    ruby: "Ruby",
    cpp: "C++",
    c: "C",
    csharp: "C#",
    java: "Java",
    kotlin: "Kotlin",
    swift: "Swift",
    php: "PHP",
    dockerfile: "Dockerfile",
    toml: "TOML",
    diff: "Diff",
    graphql: "GraphQL",
    text: "Text",
  }),
);

/** A human name for a language id ("tsx" → "TSX"; unknown ids are capitalised; none → "Code"). */
export function languageDisplayName(language: string | null): string {
  if (language === null) return "Code";
  return DISPLAY_NAMES.get(language) ?? language.charAt(0).toUpperCase() + language.slice(1);
}

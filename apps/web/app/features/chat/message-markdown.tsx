/**
 * A message rendered as markdown, with GitHub's extensions (tables, strikethrough, task lists, bare links), as a
 * markdown artifact's preview renders it (the same parser, micromark; see preview/runtime/markdown-runtime.ts).
 * react-markdown builds React elements and never renders raw HTML, so the model's text cannot inject markup; code
 * blocks are highlighted like the gallery's and link to their artifact.
 */
import type { Artifact } from "@folio/protocol";
import { createContext, memo, type ReactNode, useContext, useDeferredValue, useMemo } from "react";
import Markdown, { type Components, type ExtraProps } from "react-markdown";
import { Link } from "react-router";
import remarkGfm from "remark-gfm";
import { HighlightedCode } from "../highlight/highlighted-code";

/** The artifacts of the message being rendered, by block index: read by each block, so links never re-parse. */
const BlockArtifacts = createContext<ReadonlyMap<number, Artifact>>(new Map());

/** A fenced block, and a link to the artifact saved from it once there is one. */
function FencedBlock({ node, children }: ExtraProps & { children?: ReactNode }) {
  const byIndex = useContext(BlockArtifacts);
  const code = node?.children[0];
  const index = code?.type === "element" ? code.properties.dataFencedIndex : undefined;
  const artifact = index === undefined ? undefined : byIndex.get(Number(index));
  return (
    <div className="flex flex-col gap-1">
      {children}
      {artifact && (
        <Link to={`/s/${artifact.sessionId}/a/${artifact.id}`} className="self-end text-xs">
          Open {artifact.title}
        </Link>
      )}
    </div>
  );
}

function Code({ className, children }: { className?: string | undefined; children?: ReactNode }) {
  const language = /language-(\S+)/.exec(className ?? "")?.[1] ?? null;
  const text = String(children);
  if (language === null && !text.includes("\n")) {
    return <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{children}</code>;
  }
  return (
    <div className="rounded-lg bg-slate-50 p-2 dark:bg-slate-950">
      <HighlightedCode code={text.replace(/\n$/, "")} language={language} />
    </div>
  );
}

const COMPONENTS: Components = { pre: FencedBlock, code: Code };

/** Memoised: typing in the message box re-renders the chat, and must not re-parse every message. */
export const MessageMarkdown = memo(function MessageMarkdown({
  content,
  artifacts = NO_ARTIFACTS,
}: {
  content: string;
  /** The artifacts saved from this message; each fenced block links to the one made from it. */
  artifacts?: readonly Artifact[];
}) {
  // Parsing markdown is the costly part of a message, so it happens in a deferred, interruptible render: a
  // conversation opens as plain text and turns into markdown message by message without blocking the page, and
  // while an answer streams React skips to the latest text instead of parsing every intermediate one.
  const text = useDeferredValue(content, "");
  // Parsed when the text changes only: artifacts arriving (75,000 of them, for an answer of as many blocks) reach
  // the blocks through context, each looked up once, and never parse the message again.
  const rendered = useMemo(
    () => (
      <Markdown skipHtml remarkPlugins={[remarkGfm, numberFencedBlocks]} components={COMPONENTS}>
        {text}
      </Markdown>
    ),
    [text],
  );
  const byIndex = useMemo(
    () => new Map(artifacts.map((artifact) => [Number(artifact.metadata.index), artifact])),
    [artifacts],
  );
  if (text === "" && content !== "") {
    return <div className="whitespace-pre-wrap break-words text-sm">{content}</div>;
  }
  return (
    <div className="prose-chat flex flex-col gap-2 text-sm [&_a]:text-indigo-600 [&_a]:underline [&_code]:font-mono [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5 dark:[&_a]:text-indigo-300">
      <BlockArtifacts.Provider value={byIndex}>{rendered}</BlockArtifacts.Provider>
    </div>
  );
});

const NO_ARTIFACTS: readonly Artifact[] = [];

interface MdNode {
  type: string;
  position?: { start: { offset?: number } };
  children?: MdNode[];
  data?: { hProperties?: Record<string, unknown> };
}

/**
 * Numbers the fenced code blocks in document order, as @folio/parser does (`metadata.index`), so each rendered
 * block knows its artifact. Indented code blocks are not artifacts and get no number.
 */
function numberFencedBlocks() {
  return (tree: MdNode, file: { value: unknown }) => {
    const source = String(file.value);
    let next = 0;
    const visit = (node: MdNode) => {
      if (node.type === "code") {
        const start = node.position?.start.offset ?? 0;
        if (/^ {0,3}(`{3}|~{3})/.test(source.slice(start, start + 6))) {
          node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataFencedIndex: next++ } };
        }
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}

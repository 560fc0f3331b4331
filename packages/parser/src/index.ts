/** @folio/parser: CommonMark-exact, streaming extraction of fenced code blocks, and artifact inference. */
export { extractCodeBlocks } from "./extract.js";
export { type ArtifactContext, type InferredArtifact, inferArtifact } from "./infer/artifact.js";
export { LOOK_BACK as DESCRIPTION_LOOK_BACK } from "./infer/description.js";
export { languageDisplayName, normaliseLanguage } from "./infer/language.js";
export type { ArtifactType } from "./infer/type.js";
export { createCodeBlockStream } from "./stream.js";
export type { CodeBlock, CodeBlockEvent, CodeBlockStream } from "./types.js";

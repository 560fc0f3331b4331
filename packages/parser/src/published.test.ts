import { join } from "node:path";
import { expect, it } from "vitest";
import { packInstallAndRun } from "../../../script/published-package.js";

it("packs, installs into an empty project and works there, shipping no test oracle", () => {
  const { files, output } = packInstallAndRun(
    join(import.meta.dirname, ".."),
    `import { extractCodeBlocks, inferArtifact } from "@folio/parser";
const [block] = extractCodeBlocks("Run it:\\n\\n\`\`\`py\\nprint(1)\\n\`\`\`\\n");
console.log(JSON.stringify({ code: block.code, title: inferArtifact(block).title }));`,
  );
  expect(JSON.parse(output)).toEqual({ code: "print(1)\n", title: "Python snippet 1" });
  expect(files).toContain("dist/index.js");
  expect(files.filter((file) => file.includes("oracle") || file.includes(".test."))).toEqual([]);
}, 300_000);

import { describe, expect, it } from "vitest";
import { parseYamlDocuments } from "./yaml";

const lol = `lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]`;

describe("multi-document YAML", () => {
  it("refuses an alias bomb and still reads the documents around it", () => {
    const docs = parseYamlDocuments(`kind: first\n---\n${lol}\n---\nkind: last\n`);
    expect(docs).toEqual([
      { index: 1, value: { kind: "first" } },
      { index: 2, problem: expect.stringContaining("refused as a possible alias bomb") },
      { index: 3, value: { kind: "last" } },
    ]);
  });

  it("reports a syntax error with its line, by document number", () => {
    const docs = parseYamlDocuments("kind: a\n---\nkind: [b\n---\nkind: c\n");
    expect(docs[1]).toEqual({ index: 2, problem: expect.stringMatching(/^is not valid YAML: .*line \d+/) });
    expect(docs[2]).toEqual({ index: 3, value: { kind: "c" } });
  });

  it("refuses a document over the size limit", () => {
    const big = `kind: big\ndescription: ${"x".repeat(2000)}\n`;
    const docs = parseYamlDocuments(`kind: small\n---\n${big}`, 1024);
    expect(docs).toEqual([{ index: 1, value: { kind: "small" } }, { index: 2, problem: "the document is 2 KiB; the limit is 1 KiB" }]);
  });

  it("refuses duplicate keys", () => {
    expect(parseYamlDocuments("kind: a\nkind: b\n")[0]).toMatchObject({ index: 1, problem: expect.stringContaining("unique") });
  });

  it("skips an empty trailing document", () => {
    expect(parseYamlDocuments("kind: a\n---\n")).toEqual([{ index: 1, value: { kind: "a" } }]);
  });
});

// Parse Mermaid texts with mermaid's own parser, headless under jsdom.
// stdin: a JSON list of Mermaid texts. stdout: a JSON list with, for each text, either
// {"type", "vertices": {id: text}, "edges": [{start, end, text}]} (entities decoded) or {"error"}.
// Batched because starting jsdom and mermaid takes seconds.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, maxTextSize: 10_000_000 });

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));

// Mermaid keeps `#65;` entities as placeholders until it renders; decode them the same way.
const decode = (s) =>
  s
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name) => {
      const holder = dom.window.document.createElement("span");
      holder.innerHTML = `&${name};`;
      return holder.textContent;
    });

const results = [];
for (const text of texts) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = {};
    for (const [id, vertex] of diagram.db.getVertices()) vertices[id] = decode(vertex.text);
    const edges = diagram.db.getEdges().map((e) => ({ start: e.start, end: e.end, text: decode(e.text) }));
    results.push({ type: diagram.type, vertices, edges });
  } catch (error) {
    results.push({ error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));

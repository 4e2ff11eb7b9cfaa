// The page the cards are drawn in: the Adaptive Cards JS renderer, the Teams light host config, a small markdown
// processor for the subset Teams renders (bold, italic, links, bullet and numbered lists), and a Teams-like frame.

/** Markdown the way Teams renders it on cards, as a function the page runs (serialised with toString). */
export function teamsMarkdown(text: string): string {
  const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const escapes: string[] = [];
  // Backslash escapes first: the escaped character is literal, whatever follows.
  const protectedText = text.replace(/\\([\\*_[\]()#>+-])/g, (_m, c: string) => `\uE000${escapes.push(c) - 1}\uE000`);
  const inline = (s: string) =>
    escapeHtml(s)
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[^\w])_(.+?)_(?=[^\w]|$)/g, "$1<em>$2</em>")
      .replace(/\*(.+?)\*/g, "<em>$1</em>")
      .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>');
  const lines = protectedText.split(/\r?\n/);
  const out: string[] = [];
  let list: "ul" | "ol" | undefined;
  for (const line of lines) {
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const kind = bullet ? "ul" : numbered ? "ol" : undefined;
    if (list && kind !== list) {
      out.push(`</${list}>`);
      list = undefined;
    }
    if (kind && !list) {
      // A numbered item keeps its number even when it is alone in its text block (one step per block).
      const start = numbered ? /^\s*(\d+)/.exec(line)![1] : "1";
      out.push(kind === "ol" && start !== "1" ? `<ol start="${start}">` : `<${kind}>`);
      list = kind;
    }
    if (kind) out.push(`<li>${inline((bullet ?? numbered)![1])}</li>`);
    else out.push(`<p>${inline(line)}</p>`);
  }
  if (list) out.push(`</${list}>`);
  return out.join("").replace(/\uE000(\d+)\uE000/g, (_m, i: string) => escapeHtml(escapes[Number(i)]));
}

/** Teams' chat look around a card, and button styling close to Teams' light theme. */
export const PAGE_CSS = `
  body { margin: 0; background: #f5f5f5; font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; }
  #frame { display: inline-block; padding: 16px; background: #f5f5f5; }
  #card { width: 520px; background: #fff; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12); overflow: hidden; }
  .ac-textBlock p { margin: 0 0 4px 0; } .ac-textBlock ul, .ac-textBlock ol { margin: 0; padding-left: 20px; }
  .ac-textBlock a { color: #6264a7; }
  .ac-actionSet { flex-wrap: wrap; row-gap: 8px; }
  .ac-pushButton { flex: 0 0 auto !important; max-width: 100% !important; font-family: inherit; font-size: 14px; font-weight: 600; color: #252424; background: #fff; border: 1px solid #e0e0e0;
    border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { color: #fff; background: #6264a7; border-color: #6264a7; }
  .ac-pushButton.style-destructive { color: #c4314b; border-color: #c4314b; }
  .ac-input { font-family: inherit; font-size: 14px; border: 1px solid #e0e0e0; border-radius: 4px; padding: 4px 8px; min-height: 28px; box-sizing: border-box; }
  .ac-input-container { width: 100%; }
`;

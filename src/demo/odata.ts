// The small OData subset the demo tenant understands: $filter (comparisons, startswith, in, and/or/not, `any` lambdas),
// $select, $top, $skiptoken.
import { badRequest } from "./errors";

type Literal =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "date"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "null" };

type Comparison = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** A parsed $filter expression. */
export type FilterExpr =
  | { op: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { op: "not"; expr: FilterExpr }
  | { op: "cmp"; cmp: Comparison; path: string; lit: Literal }
  | { op: "startswith" | "endswith"; path: string; lit: Literal }
  | { op: "in"; path: string; lits: Literal[] }
  /** `methodsRegistered/any(m:m eq 'x')`: true when some element of the collection at `path` satisfies `expr`. */
  | { op: "any"; path: string; variable: string; expr: FilterExpr };

type Token = { t: "punct"; v: "(" | ")" | "," | ":" } | { t: "word"; v: string } | { t: "lit"; v: Literal };

const COMPARISONS = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;
const WORD_RE = /^[A-Za-z_$@][A-Za-z0-9_./$@-]*/;
const NUMBER_RE = /^-?\d+(\.\d+)?/;

// Graph answers every malformed filter with this sentence.
const invalid = () => badRequest("Invalid filter clause");

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t") {
      i++;
    } else if (c === "(" || c === ")" || c === "," || c === ":") {
      out.push({ t: "punct", v: c });
      i++;
    } else if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw invalid();
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      out.push({ t: "lit", v: { kind: "string", value } });
    } else {
      const rest = text.slice(i);
      const date = DATE_RE.exec(rest);
      const num = NUMBER_RE.exec(rest);
      const word = WORD_RE.exec(rest);
      if (date) {
        out.push({ t: "lit", v: { kind: "date", value: Date.parse(date[0]) } });
        i += date[0].length;
      } else if (num) {
        out.push({ t: "lit", v: { kind: "number", value: Number(num[0]) } });
        i += num[0].length;
      } else if (word) {
        const w = word[0];
        const lower = w.toLowerCase();
        if (lower === "true" || lower === "false") out.push({ t: "lit", v: { kind: "bool", value: lower === "true" } });
        else if (lower === "null") out.push({ t: "lit", v: { kind: "null" } });
        else out.push({ t: "word", v: w });
        i += w.length;
      } else {
        throw invalid();
      }
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterExpr {
    const e = this.or();
    if (this.i !== this.tokens.length) throw invalid();
    return e;
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.i];
    return t?.t === "word" ? t.v.toLowerCase() : undefined;
  }

  private expectPunct(v: "(" | ")" | "," | ":"): void {
    const t = this.tokens[this.i++];
    if (t?.t !== "punct" || t.v !== v) throw invalid();
  }

  private literal(): Literal {
    const t = this.tokens[this.i++];
    if (t?.t !== "lit") throw invalid();
    return t.v;
  }

  private path(): string {
    const t = this.tokens[this.i++];
    if (t?.t !== "word") throw invalid();
    return t.v;
  }

  private or(): FilterExpr {
    let left = this.and();
    while (this.peekWord() === "or") {
      this.i++;
      left = { op: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): FilterExpr {
    let left = this.unary();
    while (this.peekWord() === "and") {
      this.i++;
      left = { op: "and", left, right: this.unary() };
    }
    return left;
  }

  // `collection/any(v: <expr>)`; inside the body, paths start with the variable (`v`, or `v/id` for objects).
  private lambda(path: string): FilterExpr {
    this.expectPunct("(");
    const variable = this.path();
    this.expectPunct(":");
    const expr = this.or();
    this.expectPunct(")");
    return { op: "any", path, variable, expr };
  }

  private unary(): FilterExpr {
    if (this.peekWord() === "not") {
      this.i++;
      return { op: "not", expr: this.unary() };
    }
    const t = this.tokens[this.i];
    if (t?.t === "punct" && t.v === "(") {
      this.i++;
      const e = this.or();
      this.expectPunct(")");
      return e;
    }
    const word = this.peekWord();
    if (word === "startswith" || word === "endswith") {
      this.i++;
      this.expectPunct("(");
      const path = this.path();
      this.expectPunct(",");
      const lit = this.literal();
      this.expectPunct(")");
      return { op: word, path, lit };
    }
    const path = this.path();
    if (/\/any$/i.test(path)) return this.lambda(path.slice(0, -"/any".length));
    const op = this.peekWord();
    if (op === "in") {
      this.i++;
      this.expectPunct("(");
      const lits = [this.literal()];
      while (this.tokens[this.i]?.t === "punct" && (this.tokens[this.i] as { v: string }).v === ",") {
        this.i++;
        lits.push(this.literal());
      }
      this.expectPunct(")");
      return { op: "in", path, lits };
    }
    if (op === undefined || !COMPARISONS.has(op)) throw invalid();
    this.i++;
    return { op: "cmp", cmp: op as Comparison, path, lit: this.literal() };
  }
}

/** Parses a $filter value; throws Graph's 400 "Invalid filter clause" on anything outside the subset. */
export function parseFilter(text: string): FilterExpr {
  return new Parser(tokenize(text)).parse();
}

function valueAt(record: unknown, path: string): unknown {
  let cur: unknown = record;
  for (const part of path.split("/")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

// Directory string comparisons are case-insensitive in Graph; dates compare as instants.
function compare(actual: unknown, lit: Literal): number | undefined {
  switch (lit.kind) {
    case "string":
      return typeof actual === "string" ? actual.toLowerCase().localeCompare(lit.value.toLowerCase()) : undefined;
    case "number":
      return typeof actual === "number" ? actual - lit.value : undefined;
    case "date": {
      const ms = typeof actual === "string" ? Date.parse(actual) : NaN;
      return Number.isNaN(ms) ? undefined : ms - lit.value;
    }
    case "bool":
      return typeof actual === "boolean" ? (actual === lit.value ? 0 : 1) : undefined;
    case "null":
      return actual === null || actual === undefined ? 0 : 1;
  }
}

function holds(cmp: Comparison, actual: unknown, lit: Literal): boolean {
  const d = compare(actual, lit);
  if (d === undefined) return cmp === "ne";
  switch (cmp) {
    case "eq":
      return d === 0;
    case "ne":
      return d !== 0;
    case "gt":
      return d > 0;
    case "ge":
      return d >= 0;
    case "lt":
      return d < 0;
    case "le":
      return d <= 0;
  }
}

/** True when `record` (a Graph JSON object) satisfies the filter. */
export function matchesFilter(expr: FilterExpr, record: unknown): boolean {
  switch (expr.op) {
    case "and":
      return matchesFilter(expr.left, record) && matchesFilter(expr.right, record);
    case "or":
      return matchesFilter(expr.left, record) || matchesFilter(expr.right, record);
    case "not":
      return !matchesFilter(expr.expr, record);
    case "cmp":
      return holds(expr.cmp, valueAt(record, expr.path), expr.lit);
    case "in":
      return expr.lits.some((lit) => holds("eq", valueAt(record, expr.path), lit));
    case "any": {
      const items = valueAt(record, expr.path);
      return Array.isArray(items) && (items as unknown[]).some((item) => matchesFilter(expr.expr, { [expr.variable]: item }));
    }
    case "startswith":
    case "endswith": {
      const actual = valueAt(record, expr.path);
      if (typeof actual !== "string" || expr.lit.kind !== "string") return false;
      const a = actual.toLowerCase();
      const b = expr.lit.value.toLowerCase();
      return expr.op === "startswith" ? a.startsWith(b) : a.endsWith(b);
    }
  }
}

/** Applies `$filter` when present. */
export function filterBy<T>(items: T[], query: URLSearchParams): T[] {
  const text = query.get("$filter");
  if (text === null || text.trim() === "") return items;
  const expr = parseFilter(text);
  return items.filter((item) => matchesFilter(expr, item));
}

/** The `$select` property names, or undefined when absent. */
export function selectedProperties(query: URLSearchParams): string[] | undefined {
  const text = query.get("$select");
  if (text === null || text.trim() === "") return undefined;
  return text.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Keeps only the selected properties (plus `@odata.type`, which Graph keeps on polymorphic items). */
export function project<T extends object>(item: T, select: string[] | undefined): Record<string, unknown> {
  const source = item as Record<string, unknown>;
  if (select === undefined) return { ...source };
  const out: Record<string, unknown> = {};
  if (source["@odata.type"] !== undefined) out["@odata.type"] = source["@odata.type"];
  for (const name of select) {
    const key = Object.keys(source).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) out[key] = source[key];
  }
  return out;
}

/** Page-size limits of one collection. */
export interface PageLimits {
  defaultTop: number;
  maxTop: number;
}

/** One page of a collection and the offset of the next page, if any. */
export interface Page<T> {
  items: T[];
  nextSkip?: number;
}

/** Reads `$top`, answering Graph's 400 for sizes outside 1..max. */
export function topOf(query: URLSearchParams, limits: PageLimits): number {
  const raw = query.get("$top");
  if (raw === null) return limits.defaultTop;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > limits.maxTop) {
    throw badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and ${limits.maxTop} inclusive.`, "Request_BadRequest");
  }
  return n;
}

/** Encodes a paging offset as an opaque $skiptoken. */
export const encodeSkipToken = (skip: number): string => Buffer.from(`demo-skip:${skip}`, "utf8").toString("base64url");

function decodeSkipToken(token: string): number {
  const text = Buffer.from(token, "base64url").toString("utf8");
  const m = /^demo-skip:(\d+)$/.exec(text);
  if (!m) throw badRequest("The $skiptoken value is invalid.", "Request_BadRequest");
  return Number(m[1]);
}

/** Cuts one page out of `items` according to $top and $skiptoken. */
export function pageOf<T>(items: T[], query: URLSearchParams, limits: PageLimits): Page<T> {
  const top = topOf(query, limits);
  const token = query.get("$skiptoken") ?? query.get("$skipToken");
  const skip = token === null ? 0 : decodeSkipToken(token);
  const slice = items.slice(skip, skip + top);
  return skip + top < items.length ? { items: slice, nextSkip: skip + top } : { items: slice };
}

/** Rebuilds the query string of a next page: the same options with a new $skiptoken, encoded like Graph's nextLinks. */
export function nextPageQuery(query: URLSearchParams, nextSkip: number): string {
  const parts: string[] = [];
  for (const [k, v] of query) {
    if (k.toLowerCase() === "$skiptoken") continue;
    // Graph's nextLinks keep commas and colons readable; everything else is percent-encoded.
    parts.push(`${k}=${encodeURIComponent(v).replace(/%2C/gi, ",").replace(/%3A/gi, ":")}`);
  }
  parts.push(`$skiptoken=${encodeSkipToken(nextSkip)}`);
  return parts.join("&");
}

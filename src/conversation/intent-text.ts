// Text clean-up shared by the classifier and the answer parser: Teams HTML out, accents folded, codes found.
// Everything works on a bounded prefix so a pasted log of any size costs the same.

/** Only this much of a message is read: enough for any real question, cheap for a 1 MB paste. */
export const SCAN_LIMIT = 4000;

const MAX_CODES = 10;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  rsquo: "'",
  lsquo: "'",
  hellip: "…",
};

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith("#")) {
    const hex = name[1] === "x" || name[1] === "X";
    const codePoint = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    // Control characters and invalid code points become a space rather than text the rest of the code must fear.
    return Number.isInteger(codePoint) && codePoint >= 0x20 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : " ";
  }
  return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
}

/**
 * The message as a person would read it: the first SCAN_LIMIT characters, without Teams mentions,
 * HTML tags or entities, with whitespace collapsed. Case and accents are kept (names and emails need them).
 */
export function cleanText(raw: unknown): string {
  if (typeof raw !== "string") return "";
  return raw
    .slice(0, SCAN_LIMIT)
    // The cut may land inside a tag; its remains are not text.
    .replace(/<[^<>]{0,500}$/, "")
    .replace(/<at\b[^<>]{0,200}>[^<]{0,200}<\/at>/gi, " ")
    .replace(/<\/?[a-z][^<>]{0,500}>/gi, " ")
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, decodeEntity)
    .normalize("NFKC")
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/\s+/gu, " ")
    .trim();
}

/** Lower case, no accents, "doesn't" → "doesnt": the form every matcher compares. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "ss")
    .replace(/n't\b/g, "nt");
}

/** The message reduced to what matching looks at (see cleanText and foldText). */
export function normalizeText(text: string): string {
  return foldText(cleanText(text));
}

/** Words of already folded text; apostrophes and hyphens split words ("d'accès" → "d", "acces"). */
export function tokenize(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

const AADSTS = /AADSTS\s*[-:]?\s*(\d{5,6})(?!\d)/gi;
// A bare number counts only right after a word that names it as an error code.
const LABELLED_CODE =
  /(?<![\p{L}\p{N}])(?:error|errorcode|fehler|fehlercode|erreur|code)(?:\s+code)?(?:\s+d'erreur)?\s*(?:no\.?|nr\.?|n°|#|:|=|-)?\s*(\d{5,6})(?!\d)/giu;

/** AADSTS codes in a message: "AADSTS130504", and bare 5–6 digit numbers after "error"/"code"; unique, in order. */
export function extractErrorCodes(text: string): number[] {
  const clean = cleanText(text);
  const found: { at: number; code: number }[] = [];
  for (const m of clean.matchAll(AADSTS)) found.push({ at: m.index, code: Number(m[1]) });
  for (const m of clean.matchAll(LABELLED_CODE)) found.push({ at: m.index, code: Number(m[1]) });
  const codes: number[] = [];
  for (const { code } of found.sort((a, b) => a.at - b.at)) {
    if (!codes.includes(code)) codes.push(code);
  }
  return codes.slice(0, MAX_CODES);
}

// Whole addresses only: the match may not start or end inside a longer run of address characters.
const EMAIL =
  /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

// RFC 5321 caps a mailbox path at 254 characters; anything longer is not an address.
const MAX_EMAIL = 254;

/** Email addresses / UPNs in cleaned text, in order, without surrounding punctuation. */
export function extractEmails(clean: string): string[] {
  return [...clean.matchAll(EMAIL)].map((m) => m[0].replace(/^[.'-]+|[.'-]+$/g, "")).filter((e) => e.length <= MAX_EMAIL);
}

// Finds lexicon concepts in a tokenised message, tolerating typos with Levenshtein distance.
import { distance } from "fastest-levenshtein";
import { LEXICON, type Concept } from "./lexicon";
import { foldText, tokenize } from "./intent-text";

interface Phrase {
  words: string[];
  exact: boolean;
}

interface VocabWord {
  word: string;
  exact: boolean;
}

const PHRASES: ReadonlyArray<readonly [Concept, readonly Phrase[]]> = (Object.keys(LEXICON) as Concept[]).map((concept) => [
  concept,
  LEXICON[concept].map((entry) => {
    const exact = entry.startsWith("=");
    return { words: tokenize(foldText(exact ? entry.slice(1) : entry)), exact };
  }),
]);

// Every distinct (word, exactness) pair once, so each message token is compared with each word once.
const VOCABULARY: readonly VocabWord[] = (() => {
  const seen = new Map<string, VocabWord>();
  for (const [, phrases] of PHRASES) {
    for (const p of phrases) for (const word of p.words) seen.set(`${p.exact ? "=" : "~"}${word}`, { word, exact: p.exact });
  }
  return [...seen.values()];
})();

// Any match needs the same first letter, so each token is only compared with words sharing it.
const VOCABULARY_BY_FIRST_LETTER: ReadonlyMap<string, readonly VocabWord[]> = (() => {
  const byLetter = new Map<string, VocabWord[]>();
  for (const v of VOCABULARY) byLetter.set(v.word[0] ?? "", [...(byLetter.get(v.word[0] ?? "") ?? []), v]);
  return byLetter;
})();

const vocabKey = (word: string, exact: boolean): string => `${exact ? "=" : "~"}${word}`;

/**
 * Whether a typed token is the lexicon word: exact for short or "=" words; otherwise one typo, or two when both
 * are 7+ letters; the first letter must agree (people rarely mistype it, and it keeps "morning" ≠ "working").
 */
export function tokenMatchesWord(token: string, word: string, exact: boolean): boolean {
  if (token === word) return true;
  if (exact || word.length < 4 || token.length < 3 || token[0] !== word[0]) return false;
  const allowed = Math.min(token.length, word.length) >= 7 ? 2 : 1;
  if (Math.abs(token.length - word.length) > allowed) return false;
  return distance(token, word) <= allowed;
}

/** Where each concept was found: token indexes of every phrase start, ascending. */
export type ConceptHits = ReadonlyMap<Concept, readonly number[]>;

/** Finds every concept phrase in the tokens; each phrase must match consecutive tokens. */
export function findConcepts(tokens: readonly string[]): ConceptHits {
  const matchesByToken = new Map<string, Set<string>>();
  for (const token of new Set(tokens)) {
    const matched = new Set<string>();
    for (const v of VOCABULARY_BY_FIRST_LETTER.get(token[0] ?? "") ?? []) {
      if (tokenMatchesWord(token, v.word, v.exact)) matched.add(vocabKey(v.word, v.exact));
    }
    matchesByToken.set(token, matched);
  }
  // Where each lexicon word occurs, so a phrase is only tried where its first word is.
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    for (const key of matchesByToken.get(token) ?? []) {
      const list = positions.get(key);
      if (list === undefined) positions.set(key, [i]);
      else list.push(i);
    }
  });
  const tokenIs = (i: number, word: string, exact: boolean): boolean =>
    matchesByToken.get(tokens[i] ?? "")?.has(vocabKey(word, exact)) ?? false;

  const hits = new Map<Concept, number[]>();
  for (const [concept, phrases] of PHRASES) {
    const at = new Set<number>();
    for (const phrase of phrases) {
      const [head = "", ...rest] = phrase.words;
      for (const i of positions.get(vocabKey(head, phrase.exact)) ?? []) {
        if (rest.every((word, k) => tokenIs(i + 1 + k, word, phrase.exact))) at.add(i);
      }
    }
    if (at.size > 0) hits.set(concept, [...at].sort((a, b) => a - b));
  }
  return hits;
}

/** True when a hit of `a` lies within `window` tokens of a hit of `b` (either order). */
export function near(hits: ConceptHits, a: Concept, b: Concept, window: number): boolean {
  const as = hits.get(a) ?? [];
  const bs = hits.get(b) ?? [];
  return as.some((i) => bs.some((j) => i !== j && Math.abs(i - j) <= window));
}

/** The concept among `candidates` mentioned first, if any. */
export function firstMentioned<C extends Concept>(hits: ConceptHits, candidates: readonly C[]): C | undefined {
  let best: C | undefined;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const at = hits.get(c)?.[0];
    if (at !== undefined && at < bestAt) {
      best = c;
      bestAt = at;
    }
  }
  return best;
}

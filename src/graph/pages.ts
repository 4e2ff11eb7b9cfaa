// Follows @odata.nextLink for the few collections that can outgrow one page (memberships, CA policies, risky users).
import { asCollection, type CollectionDto } from "./dto";
import type { GraphResult, GraphSender } from "./http";
import { relativeFromNextLink } from "./odata";

/** Bounds for following nextLinks. */
export interface PageOptions {
  /** Pages to read at most, counting the first one. */
  maxPages: number;
  /** Called before each further page; returning false stops (e.g. no throttling budget left). */
  beforeNextPage?: () => Promise<boolean>;
  abortSignal?: AbortSignal;
}

/** All items, whether every page was read, and the failed answer if a later page failed. */
export interface Pages<T> {
  items: T[];
  complete: boolean;
  failure?: GraphResult;
}

/** Reads the pages after `first` (already fetched, e.g. inside a $batch). */
export async function readRemainingPages<T>(http: GraphSender, first: CollectionDto<T>, options: PageOptions): Promise<Pages<T>> {
  const items = [...first.value];
  let next = first["@odata.nextLink"];
  for (let page = 1; next !== undefined; page++) {
    if (page >= options.maxPages) return { items, complete: false };
    if (options.beforeNextPage && !(await options.beforeNextPage())) return { items, complete: false };
    const answer = await http.send({ method: "GET", path: relativeFromNextLink(next), abortSignal: options.abortSignal });
    const collection = answer.status === 200 ? asCollection<T>(answer.body) : undefined;
    if (!collection) return { items, complete: false, failure: answer };
    items.push(...collection.value);
    next = collection["@odata.nextLink"];
  }
  return { items, complete: true };
}

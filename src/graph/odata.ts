// Builds Graph relative URLs safely: OData string literals escaped, query values percent-encoded.

/** An OData string literal: single quotes doubled, so a name like O'Brien cannot break out of the filter. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A path segment (user id or UPN) encoded so `#EXT#` guests and odd characters stay inside the segment. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** `?$filter=...&$top=...` with every value percent-encoded; undefined values are left out. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

/** An OData DateTimeOffset literal (unquoted, whole seconds). */
export function odataDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Turns an absolute `@odata.nextLink` into a path the client can request again
 * (the client only strips `https://` hosts itself, so loopback demo URLs need this).
 */
export function relativeFromNextLink(nextLink: string): string {
  const url = new URL(nextLink);
  const path = url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, "");
  return `${path}${url.search}`;
}

/** Only the path of a URL, for logs: query values may hold names or addresses typed by a person. */
export function pathForLog(url: string): string {
  try {
    const parsed = new URL(url, "http://relative.invalid");
    const keys = [...parsed.searchParams.keys()];
    return keys.length === 0 ? parsed.pathname : `${parsed.pathname}?${keys.join("&")}`;
  } catch {
    return url.split("?")[0] ?? url;
  }
}

// The env-file format the Agents Toolkit reads (dotenv): KEY=value lines, # comments, optional quotes.
// A few lines of our own instead of a dependency: the build scripts and the tests need only this much.

/** Parses an env file into a map; later keys win. Values may be quoted with ' or "; unquoted values end at " #". */
export function parse(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, "").trim();
    values[m[1]] = value;
  }
  return values;
}

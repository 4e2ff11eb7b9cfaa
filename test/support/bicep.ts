// Reads the parts of a Bicep file the tests check (params, outputs, app settings) with plain patterns: no Bicep
// compiler can run offline on this machine, so this is the structural check that runs everywhere.

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

/** `param name type [= default]` declarations, top level. */
export function bicepParams(text: string): BicepParam[] {
  return [...text.matchAll(/^param\s+(\w+)\s+(\w+)(\s*=.*)?$/gm)].map((m) => ({ name: m[1], type: m[2], hasDefault: m[3] !== undefined }));
}

/** Names of `output NAME type = …`. */
export function bicepOutputs(text: string): string[] {
  return [...text.matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((m) => m[1]);
}

/** The web app's appSettings as name → value expression (string literals unquoted). */
export function bicepAppSettings(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const m of text.matchAll(/\{\s*name:\s*'([^']+)'\s*value:\s*([^\n]+?)\s*\}/g)) {
    const value = m[2].trim();
    settings.set(m[1], /^'.*'$/.test(value) ? value.slice(1, -1) : value);
  }
  return settings;
}

const variablePattern = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface EnvSubstitution {
  readonly value: unknown;
  /** Paths of strings that took a value from the environment: treated as secrets. */
  readonly substitutedPaths: readonly (readonly PropertyKey[])[];
  readonly missing: readonly { readonly path: readonly PropertyKey[]; readonly variable: string }[];
}

/**
 * Replaces `${VAR}` in every string value (never in keys) with `env.VAR`; `$$` writes a
 * literal `$`. An unset variable is reported and left as written.
 */
export function substituteEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
): EnvSubstitution {
  const substitutedPaths: PropertyKey[][] = [];
  const missing: { path: PropertyKey[]; variable: string }[] = [];

  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') {
      let substituted = false;
      const text = node.replace(variablePattern, (whole, variable: string | undefined) => {
        if (variable === undefined) return '$';
        const found = env[variable];
        if (found === undefined) {
          missing.push({ path, variable });
          return whole;
        }
        substituted = true;
        return found;
      });
      if (substituted) substitutedPaths.push(path);
      return text;
    }
    if (Array.isArray(node))
      return node.map((item: unknown, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [key, visit(item, [...path, key])]),
      );
    }
    return node;
  };

  return { value: visit(value, []), substitutedPaths, missing };
}

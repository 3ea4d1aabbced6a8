/**
 * A validator for the subset of JSON Schema (2020-12) the suite schema uses: `type`, `const`,
 * `enum`, `properties`, `required`, `additionalProperties: false`, `items`, `minimum`,
 * `pattern`, `$ref` (to `#/$defs/…`), `oneOf` and `not`. It lets the tests check exported files
 * against the very schema that is published with them.
 * @module
 */

/** A schema node (the subset above). */
export type Schema = { readonly [k: string]: unknown };

/** Validates `value` against `root`; returns the violations (empty when valid), at most `max`. */
export function validate(root: Schema, value: unknown, max = 20): string[] {
  const errors: string[] = [];
  const check = (s: Schema, v: unknown, path: string): boolean => {
    const before = errors.length;
    const fail = (msg: string) => errors.length < max && errors.push(`${path || '/'}: ${msg}`);
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/$defs/', '');
      const def = (root.$defs as Record<string, Schema> | undefined)?.[name];
      if (!def) throw new Error(`schema: unknown $ref ${s.$ref}`);
      return check(def, v, path);
    }
    if ('const' in s && v !== s.const) fail(`must be ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.includes(v as never)) fail(`must be one of ${JSON.stringify(s.enum)}`);
    if (typeof s.type === 'string' && !hasType(v, s.type)) {
      fail(`must be of type ${s.type}`);
      return false;
    }
    if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) fail(`must be at least ${s.minimum}`);
    if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern).test(v)) fail(`must match ${s.pattern}`);
    if (isObject(v)) {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[]) if (!(r in v)) fail(`missing property '${r}'`);
      for (const [k, x] of Object.entries(v)) {
        if (props[k]) check(props[k]!, x, `${path}/${k}`);
        else if (s.additionalProperties === false) fail(`unexpected property '${k}'`);
      }
    }
    if (Array.isArray(v) && s.items) v.forEach((x, i) => check(s.items as Schema, x, `${path}/${i}`));
    if (Array.isArray(s.oneOf)) {
      const matching = (s.oneOf as Schema[]).filter((alt) => !constMismatch(alt, v) && validate({ $defs: root.$defs, ...alt }, v, 1).length === 0).length;
      if (matching !== 1) fail(`must match exactly one alternative (matches ${matching})`);
    }
    if (s.not && validate({ $defs: root.$defs, ...(s.not as Schema) }, v, 1).length === 0) fail('must not match the excluded form');
    return errors.length === before;
  };
  check(root, value, '');
  return errors;
}

/** A quick no: `alt` fixes a property to a constant that `v` has with another value. */
function constMismatch(alt: Schema, v: unknown): boolean {
  if (!isObject(v) || !isObject(alt.properties)) return false;
  return Object.entries(alt.properties).some(([k, p]) => isObject(p) && 'const' in p && k in v && v[k] !== p.const);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'object': return isObject(v);
    case 'array': return Array.isArray(v);
    case 'integer': return Number.isInteger(v);
    case 'null': return v === null;
    default: return typeof v === t;
  }
}

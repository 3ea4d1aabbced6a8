/**
 * The property paths of a JSON Schema, for checking that every field is described and
 * documented. Paths are dotted, `[]` standing for the items of an array: `scope.without`,
 * `allCountermeasures.invariants[]`. A definition `#/$defs/D` contributes the path `D` and its
 * properties as `D.x`; a `$ref` is not followed (the definition is listed once, under its name).
 * @module
 */
import type { Schema } from './ajv.ts';

/** One property of a schema: its path and its subschema. */
export interface SchemaProperty {
  readonly path: string;
  readonly schema: Schema;
}

const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every property (and definition) of `root`, in document order. */
export function schemaProperties(root: Schema): SchemaProperty[] {
  const out: SchemaProperty[] = [];
  const walk = (s: Schema, path: string) => {
    if (isSchema(s.properties)) {
      for (const [k, sub] of Object.entries(s.properties)) {
        if (!isSchema(sub)) continue;
        const p = path ? `${path}.${k}` : k;
        out.push({ path: p, schema: sub });
        walk(sub, p);
      }
    }
    if (isSchema(s.items)) walk(s.items, `${path}[]`);
    for (const alt of [...(Array.isArray(s.oneOf) ? s.oneOf : []), ...(Array.isArray(s.anyOf) ? s.anyOf : [])]) {
      if (isSchema(alt)) walk(alt, path);
    }
  };
  walk(root, '');
  for (const [name, def] of Object.entries(isSchema(root.$defs) ? root.$defs : {})) {
    if (!isSchema(def)) continue;
    out.push({ path: name, schema: def });
    walk(def, name);
  }
  return out;
}

/** Objects in `root` that list properties but leave `additionalProperties` open, by path. */
export function openObjects(root: Schema): string[] {
  const open = (s: Schema) => isSchema(s.properties) && s.additionalProperties !== false;
  return [
    ...(open(root) ? [''] : []),
    ...schemaProperties(root)
      .filter((p) => open(p.schema))
      .map((p) => p.path),
  ];
}

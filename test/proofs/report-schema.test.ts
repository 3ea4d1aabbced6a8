/**
 * The `verify --json` report and its JSON Schema (proofs/schema/verify-report.schema.json):
 * real reports — a full run over every configuration and a `--without` run — validate with ajv,
 * broken ones do not, both have the same top-level keys, and every property of the schema is
 * described in the schema and documented in docs/REPORT.md.
 */
import { DEFAULT_SETTINGS } from '../../model/settings.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { COUNTERMEASURE_IDS, THREAT_IDS } from '../../spec/ids.ts';
import { PROFILE_IDS, listToMask } from '../../model/config.ts';
import { CAPABILITIES, alphabet } from '../../model/attacker.ts';
import { INVARIANTS } from '../../proofs/properties.ts';
import { verifyParallel } from '../../proofs/parallel.ts';
import { REPORT_SCHEMA_ID, REPORT_VERSION, buildReport, type VerifyReport } from '../../proofs/report.ts';
import { MODEL_IDS } from '../../proofs/subjects.ts';
import { ALL_MASK } from '../../proofs/table.ts';
import { REPORT_SCHEMA, REPORT_SCHEMA_PATH, validateReport } from '../../proofs/schema/report-schema.ts';
import { openObjects, schemaProperties } from '../../proofs/schema/paths.ts';
import { toolInfo } from '../../proofs/schema/tool.ts';
import { verifiedResults } from '../support/verified.ts';

const root = new URL('../../', import.meta.url);
const asJson = (r: VerifyReport) => JSON.parse(JSON.stringify(r)) as Record<string, unknown> & { scope: Record<string, unknown> };
const WITHOUT = ['CM5', 'CM6'] as const;

let full: ReturnType<typeof asJson>;
let without: ReturnType<typeof asJson>;

beforeAll(async () => {
  full = asJson(buildReport(verifiedResults(), 0));
  const masks = [ALL_MASK, ALL_MASK & ~listToMask(WITHOUT)];
  without = asJson(buildReport(await verifyParallel({ masks }), 0, { without: [...WITHOUT] }));
});

describe('the report schema', () => {
  it("is a valid draft 2020-12 schema whose $id is the report's $schema and whose version is the format version", () => {
    const ajv = new Ajv2020();
    expect(ajv.validateSchema(REPORT_SCHEMA), JSON.stringify(ajv.errors)).toBe(true);
    expect(REPORT_SCHEMA.$id).toBe(REPORT_SCHEMA_ID);
    expect(REPORT_SCHEMA.properties.version.const).toBe(REPORT_VERSION);
    expect(JSON.parse(readFileSync(new URL(REPORT_SCHEMA_PATH, root), 'utf8'))).toEqual(REPORT_SCHEMA);
  });

  it('describes every property and closes every object', () => {
    const props = schemaProperties(REPORT_SCHEMA);
    expect(props.length).toBeGreaterThan(100);
    expect(props.filter((p) => typeof p.schema.description !== 'string').map((p) => p.path)).toEqual([]);
    expect(openObjects(REPORT_SCHEMA)).toEqual([]);
  });

  it('docs/REPORT.md mentions every property path of the schema', () => {
    const doc = readFileSync(new URL('docs/REPORT.md', root), 'utf8');
    const missing = schemaProperties(REPORT_SCHEMA)
      .map((p) => p.path)
      .filter((p) => !doc.includes(`\`${p}\``));
    expect(missing).toEqual([]);
  });

  it('enumerates the IDs the model uses', () => {
    const defs = REPORT_SCHEMA.$defs;
    expect(defs.countermeasure.enum).toEqual([...COUNTERMEASURE_IDS]);
    expect(defs.threat.enum).toEqual([...THREAT_IDS]);
    expect(defs.invariant.enum).toEqual(INVARIANTS.map((i) => i.id));
    expect(defs.model.enum).toEqual([...MODEL_IDS]);
    expect(defs.profile.enum).toEqual([...PROFILE_IDS]);
    expect(defs.attackerProfile.properties.capabilities.items.enum).toEqual(Object.keys(CAPABILITIES));
    const types = new Set(PROFILE_IDS.flatMap((p) => alphabet(p, true, DEFAULT_SETTINGS).map((e) => e.type)));
    expect(new Set(defs.event.properties.type.enum)).toEqual(types);
  });
});

describe('real reports', () => {
  it('a full report over every configuration validates', () => {
    expect(validateReport(full)).toEqual([]);
    expect(full.scope).toMatchObject({ without: null, complete: true, slots: 2, symmetry: false, masks: Array.from({ length: 64 }, (_, m) => m) });
    expect(full.threats).not.toBeNull();
    expect((full.findings as { trace: unknown }[]).some((f) => f.trace !== null)).toBe(true);
    expect(full.opened).toBeNull();
    expect(full).toMatchObject({ $schema: REPORT_SCHEMA_ID, version: REPORT_VERSION, tool: toolInfo() });
  });

  it('a --without report validates, with the table sections null and the opened attacks listed', () => {
    expect(validateReport(without)).toEqual([]);
    expect(without.scope).toMatchObject({ without: [...WITHOUT], complete: false, masks: [ALL_MASK & ~listToMask(WITHOUT), ALL_MASK].sort((a, b) => a - b) });
    expect([without.threats, without.invariants, without.findings]).toEqual([null, null, null]);
    expect((without.opened as unknown[]).length).toBeGreaterThan(0);
  });

  it('a full report and a --without report have the same top-level keys, in the same order', () => {
    expect(Object.keys(without)).toEqual(Object.keys(full));
    expect(Object.keys(full)).toEqual(REPORT_SCHEMA.required);
  });
});

describe('broken reports fail validation', () => {
  const broken: [string, (r: Record<string, unknown>) => void, RegExp][] = [
    [
      'a wrong version',
      (r) => {
        r.version = '1.0.0';
      },
      /^\/version: must be equal to constant/,
    ],
    [
      'a missing field',
      (r) => {
        delete r.totals;
      },
      /^\/: must have required property 'totals'/,
    ],
    [
      'an extra top-level field',
      (r) => {
        r.extra = true;
      },
      /^\/: must NOT have additional properties 'extra'/,
    ],
    [
      'a wrong $schema',
      (r) => {
        r.$schema = 'https://json-schema.org/draft/2020-12/schema';
      },
      /^\/\$schema: must be equal to constant/,
    ],
    [
      'a complete report without its table',
      (r) => {
        r.threats = null;
      },
      /^\/threats: must be array/,
    ],
    [
      'a --without report without its opened attacks',
      (r) => {
        r.opened = null;
        (r.scope as Record<string, unknown>).without = ['CM6'];
      },
      /^\/opened: must be array/,
    ],
    [
      'an extra field in a trace step',
      (r) => {
        (r.findings as { trace: { steps: Record<string, unknown>[] } | null }[]).find((f) => f.trace)!.trace!.steps[0]!.extra = 1;
      },
      /^\/findings\/\d+\/trace\/steps\/0: must NOT have additional properties 'extra'/,
    ],
  ];
  it.each(broken)('%s', (_name, breakIt, error) => {
    const r = structuredClone(full);
    expect(validateReport(r)).toEqual([]);
    breakIt(r);
    const errors = validateReport(r);
    expect(
      errors.some((e) => error.test(e)),
      errors.join('\n'),
    ).toBe(true);
  });
});

describe('tool', () => {
  it('is the package found walking up, from the sources or from compiled code', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string };
    expect(toolInfo()).toEqual({ name: pkg.name, version: pkg.version });
    expect(toolInfo(new URL('dist/proofs/schema/tool.js', root))).toEqual(toolInfo());
    expect(() => toolInfo(pathToFileURL(join(mkdtempSync(join(tmpdir(), 'no-pkg-')), 'x.js')))).toThrow(/no package\.json named onem2m-hsm/);
  });
});

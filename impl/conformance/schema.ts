/**
 * The published JSON Schema of an abstract test suite file and of the index file, written
 * next to the suites by `onem2m-hsm gen-tests` as `schema.json` and `index.schema.json`.
 * @module
 */
import { COUNTERMEASURE_IDS, REQUIREMENT_IDS, THREAT_IDS } from '../../spec/ids.ts';
import { OPS, PRINCIPALS, REQUESTERS } from '../../model/management.ts';
import { SWITCHES } from '../../model/settings.ts';
import { ERROR_CODES } from '../errors.ts';
import { schemaViolations, type Schema } from '../../proofs/schema/ajv.ts';
import { INDEX_SCHEMA, SUITE_SCHEMA } from './types.ts';

const int = { type: 'integer', minimum: 0 } as const;
const slot = { type: 'integer', minimum: 0 } as const;
/** Optional properties of events. */
const OPTIONAL = ['capture', 'index', 'requester', 'spoofed'];
const ev = (type: string, props: Record<string, Schema> = {}) => ({
  type: 'object',
  required: ['type', ...Object.keys(props).filter((k) => !OPTIONAL.includes(k))],
  additionalProperties: false,
  properties: { type: { const: type }, ...props },
});

/** JSON Schema of a suite file. */
export const SUITE_JSON_SCHEMA: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SUITE_SCHEMA,
  title: 'oneM2M HSM abstract test suite',
  description:
    'Test purposes generated from the verified model: each a path of abstract events with the expected outcome and observable state after every step. See docs/ADAPTER.md.',
  type: 'object',
  required: ['schema', 'model', 'profile', 'countermeasures', 'settings', 'slots', 'captures', 'stats', 'tests'],
  additionalProperties: false,
  properties: {
    schema: { const: SUITE_SCHEMA },
    model: { enum: ['device', 'server'], description: 'device: HSM in an M2M Device/Gateway; server: Server-HSM in infrastructure equipment' },
    profile: { enum: ['physical', 'insider'], description: 'attacker capability profile whose events the suite contains (each includes the remote attacker)' },
    countermeasures: { type: 'array', items: { enum: [...COUNTERMEASURE_IDS] } },
    settings: {
      type: 'object',
      description: 'the switchable assumptions (ASM-…) and interpretations (INT-…) the suite was generated under',
      required: SWITCHES.map((w) => w.setting),
      additionalProperties: false,
      properties: Object.fromEntries(SWITCHES.map((w) => [w.setting, { enum: [...w.values], description: w.id }])),
    },
    slots: { type: 'integer', minimum: 1, description: 'number of long-term key slots' },
    captures: { type: 'integer', minimum: 1, description: "copies of the manager's captured commands the attacker keeps at once (the oldest goes first)" },
    stats: {
      type: 'object',
      required: ['states', 'edges', 'tests', 'steps'],
      additionalProperties: false,
      properties: { states: int, edges: int, tests: int, steps: int },
    },
    tests: { type: 'array', items: { $ref: '#/$defs/testPurpose' } },
  },
  $defs: {
    testPurpose: {
      type: 'object',
      required: ['id', 'kind', 'title', 'requirements', 'threats', 'prefix', 'initial', 'steps'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^TP-(DEV|SRV)-(PHY|INS)-[ER][0-9]{4,}$' },
        kind: {
          enum: ['edge', 'refusals'],
          description: 'edge: the last step is one model transition; refusals: the steps after the prefix each leave the state unchanged',
        },
        title: { type: 'string' },
        requirements: { type: 'array', items: { enum: [...REQUIREMENT_IDS] } },
        threats: { type: 'array', items: { enum: [...THREAT_IDS] } },
        prefix: { ...int, description: 'number of leading steps that only lead to the state under test' },
        initial: { $ref: '#/$defs/state' },
        steps: { type: 'array', items: { $ref: '#/$defs/step' } },
      },
    },
    step: {
      type: 'object',
      required: ['event', 'outcome', 'state'],
      additionalProperties: false,
      properties: {
        event: { $ref: '#/$defs/event' },
        outcome: { enum: ['accepted', 'refused'] },
        error: { enum: [...ERROR_CODES], description: 'the typed error of a refusal' },
        state: { $ref: '#/$defs/state' },
      },
      oneOf: [
        { properties: { outcome: { const: 'accepted' } }, not: { required: ['error'] } },
        { properties: { outcome: { const: 'refused' } }, required: ['error'] },
      ],
    },
    state: {
      type: 'object',
      required: ['keys', 'challenge', 'sf', 'discovered'],
      additionalProperties: false,
      properties: {
        keys: { type: 'array', items: { $ref: '#/$defs/key' } },
        challenge: { type: 'boolean', description: 'a management challenge nonce is outstanding' },
        sf: { enum: ['idle', 'running'], description: 'a Sensitive Function is running' },
        hsm: {
          enum: ['inOwnDevice', 'removed', 'elsewhere', 'counterfeitFitted'],
          description: 'device model only: where the HSM is (counterfeitFitted: an attacker-made HSM took its place in its device)',
        },
        counterfeit: { type: 'boolean', description: 'device model only: an attacker-made HSM was fitted' },
        discovered: {
          type: 'boolean',
          description:
            'the last step taught the attacker a legitimate long-term key, stored or in use (an output, error, log line or probe result of that step carried its value)',
        },
      },
    },
    key: {
      type: 'object',
      required: ['life', 'key'],
      additionalProperties: false,
      properties: {
        life: { enum: ['empty', 'active', 'deprecated', 'deleted'] },
        key: {
          oneOf: [{ type: 'string', pattern: '^(L[0-9]*|A)$' }, { type: 'null' }],
          description: "the model's key name: L (legitimate: the key the manager last supplied for this slot), A (the attacker's), null (none)",
        },
      },
    },
    event: {
      oneOf: [
        ev('CHALLENGE', {
          requester: { enum: [...REQUESTERS], description: 'the credential the nonce is requested for (absent: the manager)' },
          spoofed: { type: 'boolean', description: "the attacker asks in the manager's name; the manager does not keep the answer" },
        }),
        ev('COMMAND', { sender: { enum: [...PRINCIPALS] }, op: { enum: [...OPS] }, slot, capture: { type: 'boolean' } }),
        ev('REPLAY', { index: { ...int, description: 'which captured command, 0 = the oldest (absent: 0)' } }),
        ev('SF_START', { slot }),
        ev('SF_USE'),
        ev('SF_END'),
        ev('REMOTE_HACK'),
        ev('PROBE'),
        ev('TAMPER'),
        ev('SIDE_CHANNEL'),
        ev('MEMORY_WRITE', { slot, write: { enum: ['erase', 'implant'] } }),
        ev('REMOVE_HSM'),
        ev('INSERT_ELSEWHERE'),
        ev('REINSERT'),
        ev('REPLACE_HSM'),
      ],
    },
  },
};

/** JSON Schema of the index file. */
export const INDEX_JSON_SCHEMA: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: INDEX_SCHEMA,
  title: 'oneM2M HSM abstract test suites: index',
  type: 'object',
  required: ['schema', 'suites'],
  additionalProperties: false,
  properties: {
    schema: { const: INDEX_SCHEMA },
    suites: {
      type: 'array',
      items: {
        type: 'object',
        required: ['file', 'model', 'profile', 'tests', 'steps', 'edges', 'states'],
        additionalProperties: false,
        properties: {
          file: { type: 'string', pattern: '^[a-z-]+\\.json$' },
          model: { enum: ['device', 'server'] },
          profile: { enum: ['physical', 'insider'] },
          tests: int,
          steps: int,
          edges: int,
          states: int,
        },
      },
    },
  },
};

/** Violations of the suite schema by `x` (empty when valid), checked by ajv (compiled once). */
export function validateSuite(x: unknown): string[] {
  return schemaViolations(SUITE_JSON_SCHEMA, x);
}

/** Violations of the index schema by `x` (empty when valid), checked by ajv (compiled once). */
export function validateIndex(x: unknown): string[] {
  return schemaViolations(INDEX_JSON_SCHEMA, x);
}

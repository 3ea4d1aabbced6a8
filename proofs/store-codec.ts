/**
 * A packed {@link ContextCodec} for the key-store contexts of the device HSM and Server-HSM
 * machines (`StoreContext`, `model/store.ts`), so the fast explorer stores their states as a
 * few bit-packed words instead of interning a `storeKey` string per state.
 *
 * The codec is built from the initial context of one subject: its constant fields (`mech`,
 * `settings`, `potential`, `maxCaptures`) are kept as they are, never encoded,
 * and decoded contexts hold those very objects (the mechanisms record which countermeasure
 * flags an exploration reads, `proofs/reads.ts`); its bounds (slot count, captured commands,
 * ASM-06) size the variable fields, nonces included (recycled exactly, `freshNonce`). Every other value set comes from the model:
 * operations and principals from its exported lists, lifecycles, key names and where
 * Sensitive Functions run from records typed over the model's own unions (so the compiler
 * reports a value added there and missing here), step facts from `NO_FACTS`.
 *
 * On the contexts the machines reach (well-formed ones: a slot holds a key exactly when it is
 * active or deprecated, see `proofs/mutants/well-formed.ts`) two contexts get equal words
 * exactly when their `storeKey` is equal, and exactly when their JSON is equal.
 * @module
 */
import type { KeyName, Life } from '../model/keys.ts';
import { OPS, PRINCIPALS, REQUESTERS } from '../model/management.ts';
import type { SfExecution } from '../model/mechanisms.ts';
import { NO_FACTS, nonceValues, type StoreContext } from '../model/store.ts';
import { schemaCodec } from './fast/schema-codec.ts';
import { arrayOf, bool, constant, int, list, nullable, oneOf, record, type Field } from './fast/schema.ts';
import type { ContextCodec } from './fast/types.ts';

/** Every slot lifecycle (a `Record` over the model's union: none missing, none extra). */
const LIVES: readonly Life[] = Object.keys({ empty: 0, active: 0, deprecated: 0, deleted: 0 } satisfies Record<Life, 0>) as Life[];
/** Every key name. */
const KEY_NAMES: readonly KeyName[] = Object.keys({ L: 0, A: 0 } satisfies Record<KeyName, 0>) as KeyName[];
/** Everywhere a Sensitive Function may run. */
const SF_EXECUTIONS: readonly SfExecution[] = Object.keys({ hsm: 0, host: 0 } satisfies Record<SfExecution, 0>) as SfExecution[];

/**
 * The schema of the contexts that share the constants and bounds of `context0` (an initial
 * context), keys in `context0`'s order. Throws when `context0` has fields the schema does not
 * know of, or lacks some.
 */
export function storeSchema(context0: StoreContext): Readonly<Record<string, Field>> {
  const slots = context0.slots.length;
  // a nonce, or none: one leaf (null or a value below `nonceValues`, see `freshNonce`)
  const nonce = oneOf(null, ...Array.from({ length: nonceValues(context0) }, (_, i) => i));
  const fields: Record<keyof StoreContext, Field> = {
    mech: constant(context0.mech),
    settings: constant(context0.settings),
    potential: constant(context0.potential),
    maxCaptures: constant(context0.maxCaptures),
    slots: arrayOf(slots, record({ life: oneOf(...LIVES), key: oneOf(null, ...KEY_NAMES) })),
    pending: arrayOf(REQUESTERS.length, nonce),
    held: nonce,
    captured: list(context0.maxCaptures, record({ op: oneOf(...OPS), slot: int(0, Math.max(0, slots - 1)), nonce, signer: oneOf(...PRINCIPALS) })),
    sf: nullable(record({ key: oneOf(null, ...KEY_NAMES), where: oneOf(...SF_EXECUTIONS), slot: int(0, Math.max(0, slots - 1)) })),
    counterfeit: bool(),
    knowsPairing: bool(),
    ghost: record(Object.fromEntries(Object.keys(NO_FACTS).map((k) => [k, bool()]))),
  };
  const keys = Object.keys(context0);
  const known = Object.keys(fields);
  if (keys.length !== known.length || keys.some((k) => !Object.hasOwn(fields, k))) {
    throw new Error(`store codec: the context has fields [${keys.join(', ')}], the codec knows [${known.join(', ')}]`);
  }
  return Object.fromEntries(keys.map((k) => [k, fields[k as keyof StoreContext]]));
}

/**
 * The packed codec of the contexts that share the constants and bounds of `context0` (the
 * initial context of one subject, device or server, any attacker profile, slot count, nonce
 * and capture bounds, settings and countermeasures). Encoding refuses a context whose constant
 * fields are not those very objects, or whose values lie outside the bounds.
 */
export function storeCodec(context0: StoreContext): ContextCodec<StoreContext> {
  return schemaCodec<StoreContext>(storeSchema(context0));
}

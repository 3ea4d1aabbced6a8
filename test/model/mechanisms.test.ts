/**
 * Countermeasures configure mechanisms; nothing else reads their flags. Checked three ways:
 * by the import graph (only `model/mechanisms.ts` and `model/config.ts` touch the flags' type,
 * and the attacker imports neither), by the call stack of every flag read during real
 * explorations (each read comes from `model/mechanisms.ts`), and by the list of guards that
 * consult a mechanism (`MECHANISM_GUARDS`), which must match what each guard actually reads.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTERMEASURE_IDS } from '../../spec/ids.ts';
import { alphabet } from '../../model/attacker.ts';
import { cmFlags, maskToFlags, PROFILE_IDS, type CmFlags } from '../../model/config.ts';
import { deviceMachine } from '../../model/device.machine.ts';
import { MECHANISM_GUARDS } from '../../model/guards.ts';
import { Mechanisms, MECHANISMS } from '../../model/mechanisms.ts';
import { serverMachine } from '../../model/server.machine.ts';
import { DEFAULT_SETTINGS } from '../../model/settings.ts';
import { explore } from '../../proofs/explore.ts';
import { subjectFor } from '../../proofs/subjects.ts';

const modelDir = new URL('../../model/', import.meta.url);
const source = (f: string) => readFileSync(new URL(f, modelDir), 'utf8');
const files = readdirSync(modelDir).filter((f) => f.endsWith('.ts'));

/** Flags whose every read records the reading module (from the call stack). */
function stackTracked(cms: CmFlags): { flags: CmFlags; readers: Set<string> } {
  const readers = new Set<string>();
  const flags = new Proxy(cms, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && (COUNTERMEASURE_IDS as readonly string[]).includes(prop)) {
        const frames = (new Error().stack ?? '').split('\n').slice(2);
        const caller = frames.find((l) => /\/(model|proofs|impl|cli)\//.test(l)) ?? frames[0] ?? '?';
        readers.add(/\/(model|proofs|impl|cli)\/[\w./-]+\.ts/.exec(caller)?.[0] ?? caller.trim());
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { flags, readers };
}

describe('countermeasure flags are read only by the mechanism code', () => {
  it('import graph: only model/mechanisms.ts and model/config.ts refer to the flags (CmFlags, `.cms`); the store hands them on unread', () => {
    const readers = files.filter((f) => /\bCmFlags\b|\.cms\b|\bcms\[/.test(source(f)));
    expect(readers.sort()).toEqual(['config.ts', 'mechanisms.ts', 'store.ts']);
    // the store's one mention of the flags hands them to the Mechanisms constructor
    expect(source('store.ts').match(/.*\.cms\b.*/g)).toEqual(['    mech = new Mechanisms(input.cms, scope, settings);']);
  });

  it('import graph: the attacker imports nothing that holds the flags or the mechanisms', () => {
    const imports = [...source('attacker.ts').matchAll(/from '\.\/([\w.-]+)'/g)].map((m) => m[1]);
    expect(imports).not.toContain('mechanisms.ts');
    expect(imports).not.toContain('store.ts');
    expect(source('attacker.ts')).not.toMatch(/\bcms\b|CM[1-6]\b/);
  });

  it('the attacker alphabet is the same under every countermeasure set (it is built without them)', () => {
    for (const p of PROFILE_IDS) {
      const a = JSON.stringify(alphabet(p, true, DEFAULT_SETTINGS));
      expect(subjectFor('device', cmFlags([]), p).events(null as never)).toEqual(JSON.parse(a));
      expect(subjectFor('device', cmFlags(COUNTERMEASURE_IDS), p).events(null as never)).toEqual(JSON.parse(a));
    }
  });

  it.each(PROFILE_IDS)('every flag read while exploring (%s attacker, 4 countermeasure sets, both models) comes from model/mechanisms.ts', (profile) => {
    const readers = new Set<string>();
    for (const mask of [0, 7, 48, 63]) {
      for (const model of ['device', 'server'] as const) {
        const t = stackTracked(maskToFlags(mask));
        explore(subjectFor(model, t.flags, profile));
        for (const r of t.readers) readers.add(r);
      }
    }
    expect([...readers]).toEqual(['/model/mechanisms.ts']);
  });

  it('MECHANISM_GUARDS lists exactly the guards that consult a mechanism, with the mechanisms each reads', () => {
    const impl = { ...deviceMachine.implementations.guards, ...serverMachine.implementations.guards } as Record<string, (a: unknown) => boolean>;
    const found: Record<string, string[]> = {};
    for (const [name, guard] of Object.entries(impl)) {
      const read = new Set<string>();
      const mech = new Proxy(new Mechanisms(cmFlags(COUNTERMEASURE_IDS), 'device', DEFAULT_SETTINGS), {
        get(target, prop) {
          if (typeof prop === 'string' && prop in MECHANISMS) read.add(prop);
          return Reflect.get(target, prop, target);
        },
      });
      // the initial context, and one where the manager holds a nonce that is no longer outstanding
      for (const context of [
        { ...subjectCtx(), mech },
        { ...subjectCtx(), mech, held: 0, pending: [1, null] },
      ]) {
        for (const event of alphabet('physical', true, DEFAULT_SETTINGS)) {
          try {
            guard({ context, event });
          } catch {
            // a guard may assume its own event type; reads before the throw still count
          }
        }
      }
      if (read.size) found[name] = [...read].sort();
    }
    const listed = Object.fromEntries(Object.entries(MECHANISM_GUARDS).map(([k, v]) => [k, [...v].sort()]));
    expect(found).toEqual(listed);
  });

  it('each mechanism names the countermeasures that configure it, and reads only their flags', () => {
    for (const [name, cms] of Object.entries(MECHANISMS)) {
      for (const scope of ['device', 'server'] as const) {
        const reads = new Set<string>();
        const flags = new Proxy(cmFlags(COUNTERMEASURE_IDS), {
          get(target, prop, receiver) {
            if (typeof prop === 'string') reads.add(prop);
            return Reflect.get(target, prop, receiver);
          },
        });
        void (new Mechanisms(flags, scope, DEFAULT_SETTINGS) as unknown as Record<string, unknown>)[name];
        const presupposed = ['CM1', 'CM2'];
        for (const r of reads) expect([...cms, ...presupposed], `${name} (${scope}) reads ${r}`).toContain(r);
      }
    }
  });
});

/** A context of the device in its initial state (all countermeasures). */
function subjectCtx(): Record<string, unknown> {
  const s = subjectFor('device', cmFlags(COUNTERMEASURE_IDS), 'physical');
  const ctx = (s.machine.config.context as (a: { input: unknown }) => Record<string, unknown>)({ input: s.input });
  return ctx;
}

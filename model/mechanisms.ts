/**
 * Countermeasures as mechanisms. A countermeasure does not switch attack steps off: it selects
 * how the key store is built — where keys are kept, what the HSM's interface offers, where
 * Sensitive Functions run, how the HSM is bound to its device, what the management protocol
 * verifies. This module is the only one that reads the countermeasure flags (a test checks it);
 * the machines, guards and effects read mechanisms, and the attacker reads neither.
 *
 * Each mechanism is a getter, so a flag is read only when the mechanism is consulted: an
 * exploration that never consults a mechanism never reads its flags, which lets results be
 * shared between countermeasure sets that differ only there (`proofs/reads.ts`).
 * Presuppositions (`spec/presuppositions.ts`) apply: a countermeasure whose prerequisite is
 * absent is inert (CM3, CM4 and CM5 need an HSM).
 * @module
 */
import { POTENTIALS, type Potential } from '../spec/assumptions.ts';
import type { CountermeasureId } from '../spec/ids.ts';
import { PRESUPPOSITIONS, type Scope } from '../spec/presuppositions.ts';
import type { CmFlags } from './config.ts';
import type { Settings } from './settings.ts';

/** Where a store keeps its long-term keys. @clause CM1 @clause CM2 */
export type KeyStore = 'hsm' | 'general-memory';
/** Where Sensitive Functions execute. @clause CM4 */
export type SfExecution = 'hsm' | 'host';

/** Presupposition rows by scope and countermeasure. */
const ROWS: Readonly<Record<Scope, ReadonlyMap<CountermeasureId, (typeof PRESUPPOSITIONS)[number]>>> = {
  device: new Map(PRESUPPOSITIONS.filter((p) => p.scope === 'device').map((p) => [p.cm, p])),
  server: new Map(PRESUPPOSITIONS.filter((p) => p.scope === 'server').map((p) => [p.cm, p])),
};

/** True when `cm` is on and in effect at `scope` (every presupposed countermeasure on too). */
function effective(cms: CmFlags, cm: CountermeasureId, scope: Scope): boolean {
  const row = ROWS[scope].get(cm);
  // Presupposed countermeasures are read first: an inert flag is then never read at all.
  return (row?.requires.every((r) => cms[r]) ?? false) && cms[cm];
}

/** The ordinal of a potential on the ISO/IEC 18045 scale. */
export function potentialRank(p: Potential): number {
  return POTENTIALS.indexOf(p);
}

/**
 * The mechanisms of one key store (a device with its HSM, or infrastructure equipment with its
 * Server-HSM) under a countermeasure set and the settings. Constant during an exploration.
 */
export class Mechanisms {
  readonly #cms: CmFlags;
  readonly #settings: Settings;
  /** Where the store is. */
  readonly scope: Scope;
  /** Each mechanism's value once consulted (the flags behind it are read once per exploration). */
  readonly #memos = new Map<string, unknown>();

  #memo<T>(name: string, compute: () => T): T {
    if (!this.#memos.has(name)) this.#memos.set(name, compute());
    return this.#memos.get(name) as T;
  }

  constructor(cms: CmFlags, scope: Scope, settings: Settings) {
    this.#cms = cms;
    this.scope = scope;
    this.#settings = settings;
  }

  /** @clause CM1 @clause CM2 — keys are kept in an HSM / Server-HSM, or in general-purpose memory. */
  get keyStore(): KeyStore {
    return this.#memo('keyStore', () => {
      return effective(this.#cms, this.scope === 'device' ? 'CM1' : 'CM2', this.scope) ? 'hsm' : 'general-memory';
    });
  }

  /**
   * @clause CM3 — the key store's management interface returns the key value to a permitted
   * read. A software store (no HSM) does; an HSM does unless CM3 configures it not to.
   */
  get readExportsKey(): boolean {
    return this.#memo('readExportsKey', () => {
      return !effective(this.#cms, 'CM3', this.scope);
    });
  }

  /** @clause CM4 — Sensitive Functions run inside the HSM, or on the host with the key loaded into its memory. */
  get sfExecution(): SfExecution {
    return this.#memo('sfExecution', () => {
      if (this.scope === 'server' && !this.#settings.cm4OnServer) return 'host';
      return effective(this.#cms, 'CM4', this.scope) ? 'hsm' : 'host';
    });
  }

  /** @clause CM5 — physical binding: the HSM cannot be removed from its device. */
  get physicalBinding(): boolean {
    return this.#memo('physicalBinding', () => {
      return this.scope === 'device' && this.#settings.cm5Means !== 'logical' && effective(this.#cms, 'CM5', 'device');
    });
  }

  /** @clause CM5 — logical binding: HSM and device work only with the partner that proves the pairing secret. */
  get logicalBinding(): boolean {
    return this.#memo('logicalBinding', () => {
      return this.scope === 'device' && this.#settings.cm5Means !== 'physical' && effective(this.#cms, 'CM5', 'device');
    });
  }

  /**
   * @clause CM5 — under logical binding, the pairing proof is asked at every use of a key (each
   * derivation, MAC or signature of a running Sensitive Function), not only when it starts.
   */
  get pairingCheckedAtUse(): boolean {
    return this.#memo('pairingCheckedAtUse', () => {
      return this.logicalBinding;
    });
  }

  /** Whether a Sensitive Function's session survives the HSM's removal from its device (ASM-15). */
  get sessionSurvivesRemoval(): boolean {
    return this.#memo('sessionSurvivesRemoval', () => {
      return this.#settings.sfOnRemoval === 'survives';
    });
  }

  /** @clause CM6 — the management protocol verifies the command's signature against trusted credentials. */
  get verifiesSignature(): boolean {
    return this.#memo('verifiesSignature', () => {
      return effective(this.#cms, 'CM6', this.scope);
    });
  }

  /** @clause CM6 — the management protocol accepts a command only over the outstanding, unused challenge nonce. */
  get checksNonce(): boolean {
    return this.#memo('checksNonce', () => {
      return effective(this.#cms, 'CM6', this.scope);
    });
  }

  /** @clause CM6 — after authentication, the signer's role must permit the operation (authorisation). */
  get checksRole(): boolean {
    return this.#memo('checksRole', () => {
      return effective(this.#cms, 'CM6', this.scope);
    });
  }

  /**
   * @clause CM6 — to whom a challenge nonce is bound: `requester`, one outstanding nonce per
   * requesting credential, accepted only under that credential's signature; `shared`, one
   * outstanding nonce for everyone (the variant that lets another caller consume or replace
   * the manager's nonce).
   */
  get nonceScope(): 'requester' | 'shared' {
    return this.#memo('nonceScope', () => {
      return effective(this.#cms, 'CM6', this.scope) ? 'requester' : 'shared';
    });
  }

  /**
   * @clause CM6 — whether a challenge request replaces the outstanding nonce (`true`) or, while
   * one is outstanding for the requester, answers with that same nonce (`false`): an
   * unauthenticated request then changes nothing, so requests cannot lock the manager out.
   */
  get challengeReplaces(): boolean {
    return this.#memo('challengeReplaces', () => {
      return !effective(this.#cms, 'CM6', this.scope);
    });
  }

  /** @clause CM6 — the signature covers the addressed HSM's identifier, and an HSM accepts only commands addressed to it. */
  get bindsHsmId(): boolean {
    return this.#memo('bindsHsmId', () => {
      return effective(this.#cms, 'CM6', this.scope);
    });
  }

  /**
   * @clause CM1 @clause CM2 — the potential the HSM resists (ASM-02); null without an HSM. Probing
   * or side-channel analysis of the HSM succeeds when the attacker's potential exceeds it.
   */
  get hsmRating(): Potential | null {
    return this.#memo('hsmRating', () => {
      return this.keyStore === 'hsm' ? this.#settings.hsmRating : null;
    });
  }

  /** Where the device keeps its pairing secret (ASM-11); meaningful under logical binding. */
  get pairingSecretInMemory(): boolean {
    return this.#memo('pairingSecretInMemory', () => {
      return this.#settings.pairingSecret === 'host-memory';
    });
  }

  /** Response confidentiality of management reads on the channel (ASM-05). */
  get readResponsesInClear(): boolean {
    return this.#memo('readResponsesInClear', () => {
      return this.#settings.responses === 'clear';
    });
  }
}

/** The names of the mechanisms, each with the countermeasures that configure it. */
export const MECHANISMS = {
  keyStore: ['CM1', 'CM2'],
  readExportsKey: ['CM3'],
  sfExecution: ['CM4'],
  physicalBinding: ['CM5'],
  logicalBinding: ['CM5'],
  pairingCheckedAtUse: ['CM5'],
  verifiesSignature: ['CM6'],
  checksNonce: ['CM6'],
  checksRole: ['CM6'],
  nonceScope: ['CM6'],
  challengeReplaces: ['CM6'],
  bindsHsmId: ['CM6'],
  hsmRating: ['CM1', 'CM2'],
  pairingSecretInMemory: [],
  sessionSurvivesRemoval: [],
  readResponsesInClear: [],
} as const satisfies Record<Exclude<keyof Mechanisms, 'scope'>, readonly CountermeasureId[]>;

/**
 * The mechanisms `m` with some of them replaced (for deliberately broken variants and mutants):
 * every other mechanism is still read from `m`, so flag reads stay tracked.
 */
export function mechanismsWith(m: Mechanisms, overrides: Partial<Omit<Mechanisms, 'scope'>>): Mechanisms {
  return new Proxy(m, {
    get: (target, prop) => (prop in overrides ? overrides[prop as keyof typeof overrides] : Reflect.get(target, prop, target)),
  });
}

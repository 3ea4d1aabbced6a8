/**
 * The abstract test suite format (schema `onem2m-hsm/abstract-tests/2`), written by
 * `onem2m-hsm gen-tests` and replayed by any adapter. Everything is symbolic: key names, not
 * key bytes; model events, not wire bytes. See `docs/ADAPTER.md` and `schema.json`.
 * Version 2: the observable state reports the attacker's discoveries of the last step
 * (`discovered`) instead of a cumulative flag, the device HSM can be `counterfeitFitted`, a
 * replay names the captured command (`index`), and a suite records its settings and capture bound.
 * @module
 */
import type { CountermeasureId, RequirementId, ThreatId } from '../../spec/ids.ts';
import type { DeviceEvent } from '../../model/events.ts';
import type { KeyName, Life } from '../../model/keys.ts';
import type { Settings } from '../../model/settings.ts';
import type { HsmErrorCode } from '../errors.ts';

/** Schema identifier of a suite file. */
export const SUITE_SCHEMA = 'onem2m-hsm/abstract-tests/2';
/** Schema identifier of the index file. */
export const INDEX_SCHEMA = 'onem2m-hsm/abstract-tests-index/1';

/** An abstract event: a model event, as JSON. */
export type AbstractEvent = DeviceEvent;

/** One key slot as a test expects it: lifecycle and which key it holds. */
export interface AbstractKey {
  readonly life: Life;
  /** The model's key name: `L…` the key the legitimate manager last supplied for this slot; `A` a key of the attacker; null: none. */
  readonly key: KeyName | null;
}

/** The observable state a test expects after a step. */
export interface AbstractState {
  /** Key slots in slot order. */
  readonly keys: readonly AbstractKey[];
  /** A management challenge nonce is outstanding. */
  readonly challenge: boolean;
  /** A Sensitive Function is running. */
  readonly sf: 'idle' | 'running';
  /** Device HSM only: where the HSM is (`counterfeitFitted`: an attacker-made HSM took its place in its device). */
  readonly hsm?: 'inOwnDevice' | 'removed' | 'elsewhere' | 'counterfeitFitted';
  /** Device HSM only: an attacker-made HSM has been fitted into the device. */
  readonly counterfeit?: boolean;
  /**
   * The last step taught the attacker a legitimate long-term key, stored (threats 1, 4) or in use
   * by a Sensitive Function (threat 6): the model's step facts `discoveredStored ||
   * discoveredInUse`. An implementation reports whether any output, error, log line or probe
   * result of the last step carried a legitimate key's bytes.
   */
  readonly discovered: boolean;
}

/** What the implementation must do with a step. */
export type Outcome = { readonly outcome: 'accepted' } | { readonly outcome: 'refused'; readonly error: HsmErrorCode };

/** One step: an event, its expected outcome, and the expected state after it. */
export type AbstractStep = { readonly event: AbstractEvent; readonly state: AbstractState } & Outcome;

/** A test purpose: a path from the initial state, ending in what it tests. */
export interface TestPurpose {
  /** `TP-<DEV|SRV>-<PHY|INS>-E<n>` (an edge) or `-R<n>` (the events a state refuses or absorbs). */
  readonly id: string;
  readonly kind: 'edge' | 'refusals';
  readonly title: string;
  readonly requirements: readonly RequirementId[];
  readonly threats: readonly ThreatId[];
  /** Steps before the ones under test (the shortest path to the state tested). */
  readonly prefix: number;
  readonly initial: AbstractState;
  readonly steps: readonly AbstractStep[];
}

/** A suite: every test purpose of one model under one attacker profile. */
export interface Suite {
  readonly schema: typeof SUITE_SCHEMA;
  readonly model: 'device' | 'server';
  readonly profile: 'physical' | 'insider';
  readonly countermeasures: readonly CountermeasureId[];
  /** The switchable assumptions the suite was generated under (`model/settings.ts`). */
  readonly settings: Settings;
  readonly slots: number;
  /** Copies of the manager's captured commands the attacker keeps at once (the oldest goes first); `REPLAY.index` counts from the oldest. */
  readonly captures: number;
  readonly stats: { readonly states: number; readonly edges: number; readonly tests: number; readonly steps: number };
  readonly tests: readonly TestPurpose[];
}

/** The index written next to the suites. */
export interface SuiteIndex {
  readonly schema: typeof INDEX_SCHEMA;
  readonly suites: readonly {
    readonly file: string;
    readonly model: string;
    readonly profile: string;
    readonly tests: number;
    readonly steps: number;
    readonly edges: number;
    readonly states: number;
  }[];
}

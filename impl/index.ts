/**
 * The executable HSM and Server-HSM, their backend interface, wire formats and the
 * conformance kit (abstract test suites, adapter interface, runner, leak scanner).
 * @module
 */
export * from './errors.ts';
export * from './backend/types.ts';
export { NodeBackend, NODE_BACKENDS, type BackendOptions, type BackendFactory } from './backend/node-backend.ts';
export {
  Pkcs11Backend,
  pkcs11Backends,
  Pkcs11Token,
  createSoftHsmToken,
  type Pkcs11BackendOptions,
  type Pkcs11Factory,
  type TokenOptions,
  type SoftHsmToken,
  type SoftHsmTokenOptions,
} from './backend/pkcs11/index.ts';
export { Hsm, type HsmOptions } from './hsm.ts';
export { manufactureHsm, DEFAULT_SLOTS, type ManufactureOptions } from './manufacture.ts';
export { ROLE_PERMITS, type CommandResult } from './commands/management.ts';
export { Device, Socket } from './world/device.ts';
export { Principal, type HsmAddress, type KeyMaterial } from './world/principal.ts';
export { newKeyMaterial, expectedKcv, expectedDerivation, verifiesUnder } from './world/keys.ts';
export { parseEnvelope, encodeEnvelope, toBeSigned, MAX_COMMAND_BYTES, type Envelope } from './wire/envelope.ts';
export { wrapKey } from './wire/wrap.ts';
export type { Adapter, StepResult, SuiteInfo } from './conformance/adapter.ts';
export type { AbstractEvent, AbstractState, AbstractStep, Outcome, Suite, SuiteIndex, TestPurpose } from './conformance/types.ts';
export { runSuite, type SuiteRun, type Failure, type RunOptions } from './conformance/runner.ts';
export { buildSuite, buildSuites } from './conformance/suite.ts';
export { readSuites, writeSuites } from './conformance/export.ts';
export { SUITE_JSON_SCHEMA, INDEX_JSON_SCHEMA, validateSuite, validateIndex } from './conformance/schema.ts';
export { LeakScanner, type LeakHit } from './conformance/leak.ts';
export { probeReachable } from './conformance/probe.ts';
export { NodeAdapter, type NodeAdapterOptions } from './conformance/node-adapter.ts';
export type { ProbeResult } from './conformance/probe.ts';
export type { Target, ModelGraph, Move } from './conformance/explore.ts';
export type { AbstractKey } from './conformance/types.ts';
export type { Scope } from './kernel.ts';
export type { Unsigned } from './wire/envelope.ts';
export type { Schema } from '../proofs/schema/ajv.ts';
export { CK_NAMES, type Ck, type CkName, type Handle, type Attribute, type Mechanism, type Pkcs11Module } from './backend/pkcs11/api.ts';
export type { RestoreReport } from './backend/pkcs11/keystore.ts';
export type { Role as Pkcs11Role } from './backend/pkcs11/templates.ts';
export type { Found, Pkcs11ReopenOptions } from './backend/pkcs11/backend.ts';

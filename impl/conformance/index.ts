/**
 * The implementer's entry point, `onem2m-hsm/conformance`: every type an adapter needs, the
 * suites (generated in-process from the verified model, or read from the files `gen-tests`
 * writes), the runner and its reports (human summary, JUnit XML), the leak scanner, and the
 * behaviour reference generated from the model. See `docs/ADAPTER.md` and `docs/BEHAVIOUR.md`.
 * @clause CM1 @clause CM2 @clause CM3 @clause CM4 @clause CM5 @clause CM6
 * @module
 */
export type { Adapter, StepResult, SuiteInfo } from './adapter.ts';
export type { AbstractEvent, AbstractKey, AbstractState, AbstractStep, Outcome, Suite, SuiteIndex, TestPurpose } from './types.ts';
export { SUITE_SCHEMA, INDEX_SCHEMA } from './types.ts';
export type { KeyName, Life, SlotIndex } from '../../model/keys.ts';
export type { Op, Principal, Requester } from '../../model/management.ts';
export { OPS, MUTATIONS, PERMITS } from '../../model/management.ts';
export { CAPABILITIES, type CapabilityId } from '../../model/attacker.ts';
export { ERROR_CODES, type HsmErrorCode } from '../errors.ts';
export { CAPABILITY_IDS, INTERFACE_CAPABILITIES, CapabilityNeeds } from './capabilities.ts';
export { runSuite, sameJson, suiteName, type Failure, type RunOptions, type SuiteRun, type TestResult, type TrailStep } from './runner.ts';
export { renderRuns, junitXml, failureLines, countsLine, totals } from './report.ts';
export { buildSuite, buildSuites } from './suite.ts';
export { TARGETS, type Target } from './explore.ts';
export { readSuites, writeSuites } from './export.ts';
export { SUITE_JSON_SCHEMA, INDEX_JSON_SCHEMA, validateSuite, validateIndex } from './schema.ts';
export { LeakScanner, type LeakHit } from './leak.ts';
export { describeEvent } from './describe.ts';

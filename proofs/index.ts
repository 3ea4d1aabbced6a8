/**
 * The verification of the model: properties (invariants and threat goals), exploration of every
 * configuration, the threat × countermeasure table, findings, the versioned report and the
 * deliberately broken variants. Entry point `onem2m-hsm/proofs`.
 * @module
 */
export * from './types.ts';
export { INVARIANTS, GOALS, type Invariant, type Goal, type InvariantId } from './properties.ts';
export { MODEL_IDS, subjectFor, type ModelId, type SubjectOptions } from './subjects.ts';
export { verifyAll, type ConfigResult, type VerifyOptions } from './verify.ts';
export { verifyParallel, type ParallelOptions } from './parallel.ts';
export * from './table.ts';
export { deriveFindings, type Finding, type FindingKind } from './findings.ts';
export * from './report.ts';
export { VARIANTS, type Variant } from './variants.ts';
export { replay, type ReplayResult } from './replay.ts';
export { explore } from './explore.ts';
export { exploreBfs } from './bfs.ts';

/**
 * The whole package as namespaces: `spec` (the standard as typed data), `model` (the
 * statecharts), `checker` (the exhaustive explorer for XState v5 machines), `proofs` (properties,
 * verification, table, findings, report) and `impl` (the executable HSM and the conformance kit).
 * Each is also its own entry point: `onem2m-hsm/spec`, `onem2m-hsm/model`, `onem2m-hsm/checker`,
 * `onem2m-hsm/proofs`, `onem2m-hsm/impl`.
 * @module
 */
export * as spec from './spec/index.ts';
export * as model from './model/index.ts';
export * as checker from './proofs/fast/index.ts';
export * as proofs from './proofs/index.ts';
export * as impl from './impl/index.ts';

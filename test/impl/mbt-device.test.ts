/**
 * Model-based tests (clauses CM1–CM6) of the device HSM: the suites generated from the model
 * explored under every countermeasure, replayed against the implementation with real
 * cryptography (see `support/mbt.ts`). One file per model, so the suites run in parallel.
 */
import { TARGETS } from '../../impl/conformance/explore.ts';
import { modelBasedTests } from './support/mbt.ts';

modelBasedTests(TARGETS.filter((t) => t.model === 'device'));

/**
 * The project's one exploration entry point. Every verdict goes through `explore`, so the
 * checker behind it can be swapped in exactly one place. It is the fast exact explorer
 * (`proofs/fast/`); the reference breadth-first search over XState's own transition function
 * (`proofs/bfs.ts`) stays as the baseline that tests compare it with.
 * @module
 */
import { exploreFast, type FastExplorationResult } from './fast/explorer.ts';
import type { FastSubject } from './fast/types.ts';
import type { Explorer } from './types.ts';

/** The explorer used by `verify`, the table and the tests. */
export const explore: Explorer = exploreFast;

/** The same exploration, keeping the explored graph for liveness checks (`proofs/availability.ts`). */
export function exploreGraph(subject: FastSubject): FastExplorationResult {
  return exploreFast(subject, { graph: true });
}

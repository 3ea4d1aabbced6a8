/**
 * The project's one exploration entry point. Every verdict goes through `explore`, so the
 * checker behind it can be swapped (for example for a faster one) in exactly one place.
 * @module
 */
import { exploreBfs } from './bfs.ts';
import type { Explorer } from './types.ts';

/** The explorer used by `verify`, the table and the tests. */
export const explore: Explorer = exploreBfs;

/**
 * The messages between the main thread and the worker threads that expand states.
 * @module
 */

/** A request: expand `n` rows. */
export interface ExpandRequest {
  readonly id: number;
  readonly n: number;
  readonly rows: Uint32Array;
  readonly pending: Uint8Array;
  /** JSON state values of the main thread's configurations not yet sent to this worker, in ID order. */
  readonly configs: readonly string[];
}

/** A reply: the expander's results for one request. */
export interface ExpandReply {
  readonly id: number;
  readonly counts: Int32Array;
  readonly succ: Uint32Array;
  readonly via: Int32Array;
  readonly hits: Uint8Array;
  /** JSON state values of this worker's configurations met since its previous reply, in local ID order. */
  readonly configs: readonly string[];
  /** The request's pending properties (for spot checks). */
  readonly pending: Uint8Array;
  readonly error?: string;
}

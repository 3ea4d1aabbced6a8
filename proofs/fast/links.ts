/**
 * Parent links of the breadth-first tree: for each state, the state it was first reached from
 * (`Int32Array`) and the index of the event in that state's event list (`Uint16Array`,
 * widened to `Int32Array` if a state ever has more than 65,535 events).
 * @module
 */

/** Growable parallel arrays of parent IDs and event indices. */
export class Links {
  parent = new Int32Array(1 << 12);
  via: Uint16Array | Int32Array = new Uint16Array(1 << 12);
  count = 0;

  /** Appends the links of the next state. */
  push(parent: number, via: number): void {
    if (this.count === this.parent.length) {
      const p = new Int32Array(this.parent.length * 2);
      p.set(this.parent);
      this.parent = p;
      const v = this.via instanceof Uint16Array ? new Uint16Array(p.length) : new Int32Array(p.length);
      v.set(this.via);
      this.via = v;
    }
    if (via > 0xffff && this.via instanceof Uint16Array) this.via = Int32Array.from(this.via);
    this.parent[this.count] = parent;
    this.via[this.count] = via;
    this.count++;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.parent.byteLength + this.via.byteLength;
  }
}

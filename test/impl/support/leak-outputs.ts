/**
 * The HSM's own outputs, errors and logs through the leak scanner, on any backend: a permitted
 * management read, a memory read, a probe, an observation and a refused forged command. The caller
 * checks that the scanner found nothing and scanned something.
 * @module
 */
import type { BackendFactory } from '../../../impl/backend/node-backend.ts';
import { type World, world } from './world.ts';

/** Runs the HSM's outputs of a Server-HSM on `backends` through its world's leak scanner; returns the world. */
export function scanOwnOutputs(backends: BackendFactory): World {
  const w = world('server', undefined, undefined, backends);
  w.hsm.command(w.cmd(w.manager, 'read', 'ltk-0'));
  w.leak.scan('memory read', w.hsm.remoteHack());
  w.leak.scan('probe', w.hsm.probe());
  w.leak.scan('observe', w.hsm.observe());
  try {
    w.hsm.command(w.cmd(w.forger, 'delete', 'ltk-0'));
  } catch (e) {
    w.leak.scan('error', e);
  }
  return w;
}

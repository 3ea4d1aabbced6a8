/** TinyHsm with a seeded bug: an accepted command leaves its nonce outstanding, so the nonce can be used again. */
import { createAdapter } from './adapter.ts';

export default () => createAdapter('reused-nonce');

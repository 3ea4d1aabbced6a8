/** TinyHsm with a seeded bug: the read-only auditor role may also delete keys. */
import { createAdapter } from './adapter.ts';

export default () => createAdapter('auditor-delete');

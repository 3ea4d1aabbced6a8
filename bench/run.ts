/**
 * `npm run bench`: the explorer on keyslots(N) (against SPIN when installed), the HSM model,
 * and the Sensitive Function throughput of the implementation against raw node:crypto. Each
 * reports ratios measured within one run; nothing here is a test.
 * @module
 */
import { runDeriveBench } from './derive.ts';
import { runHsmBench } from './hsm.ts';
import { runPkcs11Bench } from './pkcs11.ts';
import { formatBenchRows, runKeyslotsBench } from './keyslots.ts';

console.log('== keyslots(N): fast explorer vs reference explorer vs SPIN ==');
console.log(formatBenchRows(runKeyslotsBench({})));
console.log('\n== HSM model ==');
await runHsmBench();
console.log('\n== implementation ==');
await runDeriveBench();
console.log('\n== PKCS#11 backend ==');
await runPkcs11Bench();

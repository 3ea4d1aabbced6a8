/**
 * Model-based tests of the device HSM on the PKCS#11 backend (SoftHSMv2), clauses CM1–CM6: every
 * edge and every refused or absorbed event of the all-countermeasures device model, physical and
 * insider attacker alphabets, as edge-covering walks (see `test/pkcs11/support/mbt.ts`).
 */
import { describePkcs11 } from './support/token.ts';
import { walkTests } from './support/mbt.ts';

describePkcs11('PKCS#11 backend: model-based walks, device HSM', () => {
  walkTests([
    { model: 'device', profile: 'physical' },
    { model: 'device', profile: 'insider' },
  ]);
});

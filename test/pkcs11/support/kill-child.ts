/**
 * The process the kill-and-restart test kills: it opens the test's token (SOFTHSM2_CONF, label and
 * PIN from the environment), reopens the HSM from the token alone, and sends signed management
 * commands (provision, replace, deprecate, delete, on random slots) through the real `Hsm` until
 * it is killed. Before each command it writes `send <JSON>` (the command's bytes, the key material
 * it carries and the slot's expected state after it); after each acknowledgement `ack <seq>`.
 * Writes to a pipe are synchronous on Linux, so a line written is a line the parent reads.
 * @module
 */
import { createPrivateKey, randomInt } from 'node:crypto';
import { Pkcs11Backend, Pkcs11Token } from '../../../impl/backend/pkcs11/index.ts';
import type { KeyInfo } from '../../../impl/backend/types.ts';
import { Hsm } from '../../../impl/hsm.ts';
import { DEFAULT_SLOTS } from '../../../impl/manufacture.ts';
import { expectedKcv, newKeyMaterial } from '../../../impl/world/keys.ts';
import { Principal } from '../../../impl/world/principal.ts';
import type { Op } from '../../../model/management.ts';

const env = process.env;
const hsmId = env.KILL_HSM_ID!;
const transportKey = new Uint8Array(Buffer.from(env.KILL_TRANSPORT!, 'hex'));
const token = Pkcs11Token.open({ label: env.KILL_TOKEN_LABEL!, pin: env.KILL_TOKEN_PIN! });
const backend = Pkcs11Backend.reopen({ token, hsmId, instance: env.KILL_INSTANCE!, slots: DEFAULT_SLOTS });
const hsm = new Hsm({ scope: 'server', backend });
const manager = new Principal('manager-1', createPrivateKey({ key: Buffer.from(env.KILL_MANAGER!, 'hex'), format: 'der', type: 'pkcs8' }));
const say = (line: string) => process.stdout.write(`${line}\n`);
say(`ready ${JSON.stringify(backend.restored)}`);

const CHOICES: Record<KeyInfo['life'], readonly Op[]> = {
  empty: ['provision'],
  deleted: ['provision'],
  active: ['replace', 'replace', 'deprecate', 'delete'],
  deprecated: ['replace', 'delete'],
};

for (let seq = 0; ; seq++) {
  const keys = hsm.observe().keys;
  const info = keys[randomInt(keys.length)]!;
  const choices = CHOICES[info.life];
  const op = choices[randomInt(choices.length)]!;
  const material = op === 'provision' || op === 'replace' ? newKeyMaterial(info.kind) : undefined;
  const after =
    op === 'deprecate'
      ? { life: 'deprecated', kcv: info.kcv }
      : op === 'delete'
        ? { life: 'deleted', kcv: null }
        : { life: 'active', kcv: expectedKcv(material!) };
  const bytes = manager.command({ hsmId, transportKey }, op, info.keyId, hsm.challenge(manager.signerId), material);
  say(
    `send ${JSON.stringify({ seq, keyId: info.keyId, op, after, bytes: Buffer.from(bytes).toString('hex'), material: material ? Buffer.from(material.material).toString('hex') : null })}`,
  );
  hsm.command(bytes);
  say(`ack ${seq}`);
}

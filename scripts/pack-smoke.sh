#!/usr/bin/env bash
# The package as a user gets it: pack the project, install the tarball into an empty folder and
# run the installed command there on plain Node (no TypeScript loader may be present).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
npm run --silent build
tarball="$(npm pack --silent --pack-destination "$work" | tail -1)"
echo "pack: $tarball ($(du -k "$work/$tarball" | cut -f1) KiB)"
if tar tzf "$work/$tarball" | grep -E '^package/(test|bench|scripts)/|\.ts$' | grep -v '\.d\.ts$'; then
  echo "pack: FAIL: the tarball ships tests, benchmarks or TypeScript sources (listed above)" >&2
  exit 1
fi
mkdir "$work/user"
cd "$work/user"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$tarball"
if [ -e node_modules/tsx ]; then echo "pack: FAIL: tsx was installed with the package" >&2; exit 1; fi
npx --no-install onem2m-hsm --version
npx --no-install onem2m-hsm verify --profile remote --no-replay --quiet > verify.txt
grep -q 'threat' verify.txt
node --input-type=module -e "
import { spec, model, proofs } from 'onem2m-hsm';
import { sourceText } from 'onem2m-hsm/spec';
import { exploreFast } from 'onem2m-hsm/checker';
import { manufactureHsm } from 'onem2m-hsm/impl';
if (spec.THREATS.length !== 6 || typeof model.deviceMachine !== 'object' || typeof proofs.verifyAll !== 'function') throw new Error('entry points incomplete');
if (typeof exploreFast !== 'function' || typeof manufactureHsm !== 'function') throw new Error('entry points incomplete');
if (!sourceText('000_d002568a6978b481.txt').includes('Sensitive Function')) throw new Error('source text not shipped');
"
cat > adapter.mjs <<'ADAPTER'
// a minimal adapter of a store that refuses every event: conform must report failures, exit 1
import { ERROR_CODES } from 'onem2m-hsm/conformance';
export default () => ({
  reset() {},
  step: () => ({ outcome: 'refused', error: ERROR_CODES[0] }),
  observe: () => ({ keys: [], challenge: false, sf: 'idle', discovered: false }),
});
ADAPTER
node --input-type=module -e "
import { runSuite, junitXml, buildSuite, CAPABILITY_IDS, INTERFACE_CAPABILITIES, SUITE_SCHEMA } from 'onem2m-hsm/conformance';
if (typeof runSuite !== 'function' || typeof junitXml !== 'function' || typeof buildSuite !== 'function') throw new Error('onem2m-hsm/conformance incomplete');
if (!CAPABILITY_IDS.includes('removeHsm') || INTERFACE_CAPABILITIES.includes('probe') || SUITE_SCHEMA !== 'onem2m-hsm/abstract-tests/2') throw new Error('onem2m-hsm/conformance incomplete');
"
set +e
npx --no-install onem2m-hsm conform --adapter adapter.mjs --model server --profile insider --suite quick --max-failures 2 --quiet --junit conform.xml > conform.txt
code=$?
set -e
if [ "$code" != 1 ]; then echo "pack: FAIL: conform --adapter of a failing adapter exited $code, not 1" >&2; cat conform.txt >&2; exit 1; fi
grep -q '<failure' conform.xml
grep -q ' 2 failed' conform.txt
echo "pack: installed tarball runs verify ($(wc -l < verify.txt) lines) and imports every entry point without tsx; conform --adapter runs an installed adapter module and writes JUnit"

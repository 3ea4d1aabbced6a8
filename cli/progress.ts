/**
 * A progress indicator on stderr: a rewritten line on a terminal, a line per 10% otherwise.
 * @module
 */

/** Returns a progress callback and a function that ends the indicator. */
export function progress(label: string, quiet = false): { tick: (done: number, total: number) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  const t0 = performance.now();
  return {
    tick(done, total) {
      if (quiet) return;
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      if (tty) process.stderr.write(`\r${label} ${done}/${total} (${secs} s)`);
      else {
        const d = Math.floor((done * 10) / total);
        if (d !== lastDecile) {
          lastDecile = d;
          process.stderr.write(`${label} ${done}/${total} (${secs} s)\n`);
        }
      }
    },
    end() {
      if (tty && !quiet) process.stderr.write('\n');
    },
  };
}

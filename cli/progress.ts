/**
 * Progress of long phases on stderr: a live bar (`cli-progress`) on a terminal, a plain line
 * per 10 % otherwise (every 10 s when the total is unknown), nothing with `--quiet`. Nothing is
 * shown for a phase that ends within `delayMs` (default 1 s), so quick runs stay silent.
 * @module
 */
import cliProgress from 'cli-progress';

/** A progress indicator: `tick` reports work done (and the total, when known); `end` closes it. */
export interface Progress {
  tick(done: number, total?: number): void;
  end(): void;
}

/** Options of `progress`. */
export interface ProgressOptions {
  readonly quiet?: boolean;
  /** What is counted, e.g. `paths`. */
  readonly unit?: string;
  readonly stream?: NodeJS.WriteStream;
  /** Show nothing before this many milliseconds (default 1000). */
  readonly delayMs?: number;
}

const NONE: Progress = { tick() {}, end() {} };

/** Starts a progress indicator for the phase `label`. */
export function progress(label: string, opts: ProgressOptions = {}): Progress {
  if (opts.quiet) return NONE;
  const stream = opts.stream ?? process.stderr;
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const t0 = performance.now();
  const delay = opts.delayMs ?? 1000;
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  if (stream.isTTY !== true) {
    let step = -1;
    return {
      tick(done, total) {
        if (performance.now() - t0 < delay) return;
        const next = total ? Math.floor((done * 10) / total) : Math.floor((performance.now() - t0) / 10_000);
        if (next === step) return;
        step = next;
        stream.write(`${label}: ${total ? `${Math.floor((done * 100) / total)}% (${done}/${total}${unit})` : `${done}${unit}`}, ${secs()} s\n`);
      },
      end() {},
    };
  }
  let bar: cliProgress.SingleBar | null = null;
  let shownTotal = 0;
  return {
    tick(done, total) {
      if (!bar) {
        if (performance.now() - t0 < delay) return;
        const format = total ? `${label} [{bar}] {percentage}% | {value}/{total}${unit} | {duration}s` : `${label}: {value}${unit} | {duration}s`;
        bar = new cliProgress.SingleBar({ stream, format, barsize: 30, hideCursor: false, clearOnComplete: false }, cliProgress.Presets.shades_classic);
        bar.start(total || 1, done);
        shownTotal = total ?? 0;
        return;
      }
      if (total && total !== shownTotal) {
        shownTotal = total;
        bar.setTotal(total);
      }
      bar.update(done);
    },
    end() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Runs `work` with a progress indicator that is closed however `work` ends. */
export async function withProgress<T>(label: string, opts: ProgressOptions, work: (tick: Progress['tick']) => T | Promise<T>): Promise<T> {
  const p = progress(label, opts);
  try {
    return await work((d, n) => p.tick(d, n));
  } finally {
    p.end();
  }
}

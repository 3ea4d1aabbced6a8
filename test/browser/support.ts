/**
 * Support for the browser tests: headless Chromium through playwright-core, a tiny static HTTP
 * server (node:http) over a built site, and the decision to skip. Without `/usr/bin/chromium`
 * the browser tests are skipped with a message, unless `ONEM2M_HSM_REQUIRE_BROWSER=1`, when
 * they fail instead (as in `.ci/run`).
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** The browser: where the Debian `chromium` package puts it, unless `ONEM2M_HSM_CHROMIUM` names another. */
export const CHROMIUM = process.env.ONEM2M_HSM_CHROMIUM || '/usr/bin/chromium';
/** Flags that work in containers without a display or a sandbox. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/** Whether the browser tests must run (and fail without a browser) rather than be skipped. */
export const REQUIRE_BROWSER = process.env.ONEM2M_HSM_REQUIRE_BROWSER === '1';
/** Whether the browser is installed. */
export const HAVE_BROWSER = existsSync(CHROMIUM);
/** Whether to skip the browser tests: no browser and none required. */
export const SKIP_BROWSER = !HAVE_BROWSER && !REQUIRE_BROWSER;

if (SKIP_BROWSER) {
  console.warn(
    `browser tests skipped: ${CHROMIUM} is absent (install the Debian package "chromium", or set ONEM2M_HSM_REQUIRE_BROWSER=1 to make its absence a failure)`,
  );
}

/** Launches headless Chromium (throws when it is absent). */
export function launch(): Promise<Browser> {
  if (!HAVE_BROWSER) throw new Error(`${CHROMIUM} is absent and ONEM2M_HSM_REQUIRE_BROWSER=1: install the Debian package "chromium"`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** A static server over a folder: its base URL and a way to stop it. */
export interface SiteServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `root` on a free port of 127.0.0.1 (folders answer with their `index.html`; anything outside `root` is 404). */
export async function serve(root: string): Promise<SiteServer> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(404).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import { simError } from '../errors/sim-error.js';
import { write } from '../http/result.js';

/** The inspector's files: `ui/` at the package root, beside `src/` and `dist/` (package.json `files`). */
export const UI_DIR = fileURLToPath(new URL('../../ui/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The page may run only its own scripts and styles and talk only to the simulator that served
 * it: nothing is fetched from anywhere else, and no markup in data could run (the page also
 * writes data as text only).
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /_sim/ui/`: the web inspector's static files (docs/guide/inspector.md). Served before the
 * control plane's authentication on purpose — the page loads without a key; everything it shows
 * comes from the authenticated `/_sim` API with the key (and admin token) the user enters. The
 * files are read once, on the first request, and only names found in `ui/` are served.
 */
export function inspectorPage(dir: string = UI_DIR): RequestHandler {
  let files: Map<string, { type: string; text: string }> | undefined;
  const load = () => {
    const found = new Map<string, { type: string; text: string }>();
    if (!existsSync(dir)) return found;
    for (const name of readdirSync(dir)) {
      const type = TYPES[extname(name)];
      if (type) found.set(name, { type, text: readFileSync(join(dir, name), 'utf8') });
    }
    return found;
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // `/_sim/ui` → `/_sim/ui/`, so the page's relative links work wherever the app is mounted.
    if (req.path === '/' && !req.originalUrl.split('?')[0]!.endsWith('/')) {
      write(res, { status: 302, headers: { Location: 'ui/' }, body: undefined });
      return;
    }
    files ??= load();
    const file = files.get(req.path === '/' ? 'index.html' : req.path.slice(1));
    if (!file) throw simError('RESOURCE_013');
    write(res, {
      status: 200,
      headers: {
        'Content-Type': file.type,
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
      body: file.text,
    });
  };
}

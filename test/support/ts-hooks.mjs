// ESM loader hooks that run the TypeScript sources as they are, so tests can start the real CLI
// (`node --import ./test/support/ts-register.mjs src/cli.ts …`) without a build: imports of
// `./x.js` resolve to `./x.ts` when only the source exists, and `.ts` files are transpiled
// (types erased, nothing checked) with the project's own TypeScript. Transpiled files are cached
// by content hash in node_modules/.cache, so TypeScript itself is loaded only on a change.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/sent-sim-ts/', import.meta.url));
let ts;

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && context.parentURL?.startsWith('file:') && !context.parentURL.includes('/node_modules/')) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (!existsSync(fileURLToPath(new URL(specifier, context.parentURL))) && existsSync(fileURLToPath(candidate))) {
      return next(candidate.href, context);
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = readFileSync(fileURLToPath(url), 'utf8');
  const cached = `${CACHE}${createHash('sha256').update(source).digest('hex')}.js`;
  if (existsSync(cached)) return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  ts ??= (await import('typescript')).default;
  const { outputText } = ts.transpileModule(source, {
    fileName: fileURLToPath(url),
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  mkdirSync(CACHE, { recursive: true });
  // Written aside, then renamed: CLI processes started together (test/hardening/cli.test.ts) must
  // never read another's half-written file.
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, outputText);
  renameSync(partial, cached);
  return { format: 'module', source: outputText, shortCircuit: true };
}

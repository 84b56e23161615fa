import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProviderStateRef {
  name: string;
  params?: Record<string, unknown>;
}

export interface PactInteraction {
  description: string;
  providerStates?: ProviderStateRef[];
  [key: string]: unknown;
}

export interface PactDocument {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  [key: string]: unknown;
}

export interface PactFile {
  path: string;
  pact: PactDocument;
}

/** Every pact file (`*.json`) in `dir`, in name order. */
export function loadPactFiles(dir: string): PactFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new Error(`cannot read the pact directory ${dir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return names.map((name) => {
    const path = join(dir, name);
    const pact = JSON.parse(readFileSync(path, 'utf8')) as PactDocument;
    if (!Array.isArray(pact.interactions)) throw new Error(`${path} is not a pact file (no interactions)`);
    return { path, pact };
  });
}

/**
 * A copy of `file` holding only `interaction`, written into `dir`. Pact's verifier runs every
 * interaction of the files it is given; one interaction per run gives one result per
 * interaction and lets the caller leave some out.
 */
export function writeSingleInteraction(dir: string, file: PactFile, index: number): string {
  const path = join(dir, `interaction-${String(index).padStart(3, '0')}.json`);
  const interaction = file.pact.interactions[index];
  writeFileSync(path, JSON.stringify({ ...file.pact, interactions: [interaction] }, null, 2));
  return path;
}

/** The interaction's provider states as the contract names them, joined with "and". */
export function describeStates(states: ProviderStateRef[] | undefined): string {
  return (states ?? []).map((s) => s.name).join(' and ');
}

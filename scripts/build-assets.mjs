// Build step, after tsc: data the simulator would otherwise parse at every start, written as
// JSON next to the compiled code (cold start; see bench/README.md):
//   dist/sent-v3.json    — spec/sent-v3.yaml as JSON (spec/ stays the source);
//   dist/scenarios.json  — scenarios/*.yaml, parsed and checked exactly as start-up would, with
//                          each file's size and mtime so that an edited file is read afresh.
import { writeFileSync } from 'node:fs';
import { loadSpec, RequestValidator, specOperations, SPEC_URL } from '../dist/http/validation.js';
import { buildScenarios, DEFAULT_SCENARIOS_DIR } from '../dist/scenarios/loader.js';

const spec = loadSpec(SPEC_URL);
writeFileSync('dist/sent-v3.json', JSON.stringify(spec));
const operationIds = new Set(specOperations(spec).map((o) => o.operationId));
const built = buildScenarios(DEFAULT_SCENARIOS_DIR, new RequestValidator(spec), operationIds);
writeFileSync('dist/scenarios.json', JSON.stringify(built));
writeFileSync('dist/.build-stamp', new Date().toISOString());
console.log(`build: dist/sent-v3.json, dist/scenarios.json (${built.scenarios.length} scenarios)`);

// Build step, after tsc: data the simulator would otherwise parse at every start, written as
// JSON next to the compiled code (cold start; see bench/README.md):
//   dist/sent-v3.json    — spec/sent-v3.yaml as JSON (spec/ stays the source);
//   dist/scenarios.json  — scenarios/*.yaml, parsed and checked exactly as start-up would (the
//                          generic parts, then each block against the module that declares it),
//                          with each file's size and mtime so that an edited file is read afresh.
import { writeFileSync } from 'node:fs';
import { loadSpec, RequestValidator, specOperations, SPEC_URL } from '../dist/http/validation.js';
import { buildScenarios, DEFAULT_SCENARIOS_DIR } from '../dist/scenarios/loader.js';
import { checkScenarioBlocks } from '../dist/scenarios/blocks.js';
import { allScenarioBlocks } from '../dist/registry.js';

const spec = loadSpec(SPEC_URL);
writeFileSync('dist/sent-v3.json', JSON.stringify(spec));
const operationIds = new Set(specOperations(spec).map((o) => o.operationId));
const validator = new RequestValidator(spec);
const built = buildScenarios(DEFAULT_SCENARIOS_DIR, validator, operationIds);
checkScenarioBlocks(new Map(built.scenarios.map((s) => [s.name, s])), allScenarioBlocks(), validator);
writeFileSync('dist/scenarios.json', JSON.stringify(built));
writeFileSync('dist/.build-stamp', new Date().toISOString());
console.log(`build: dist/sent-v3.json, dist/scenarios.json (${built.scenarios.length} scenarios)`);

// Build step: the spec as JSON next to the compiled code (dist/sent-v3.json), so the simulator
// starts without parsing YAML (~230 ms of cold start). spec/sent-v3.yaml stays the source.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

writeFileSync('dist/sent-v3.json', JSON.stringify(parse(readFileSync('spec/sent-v3.yaml', 'utf8'))));

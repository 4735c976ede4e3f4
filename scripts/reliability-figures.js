#!/usr/bin/env node
/*
 * Prints the figures of the last test run (test-results/figures.jsonl, written by the
 * chaos, hostile-input and security suites) as the Markdown tables of docs/RELIABILITY.md.
 * Usage: node scripts/reliability-figures.js [path/to/figures.jsonl]
 */
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const file = process.argv[2] ?? path.join(__dirname, '..', 'test-results', 'figures.jsonl');
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const last = new Map();
const parts = new Map();
for (const line of lines) {
  if (line.part) parts.set(`${line.suite}\u0000${line.part}`, line);
  else last.set(line.suite, line);
}
// A suite split over several test files writes a line per file (its part): their sum.
const add = (sum, part) => {
  for (const [key, value] of Object.entries(part)) {
    if (typeof value === 'number' && key !== 'inputs') sum[key] = (sum[key] ?? 0) + value;
    else if (value && typeof value === 'object') sum[key] = add(sum[key] ?? {}, value);
    else sum[key] = value;
  }
  return sum;
};
for (const part of parts.values()) last.set(part.suite, add(last.get(part.suite) ?? {}, part));

const chaos = last.get('chaos');
if (chaos) {
  process.stdout.write(`### Faults (chaos suite, ${chaos.at})\n\n`);
  process.stdout.write(
    '| fault | rows | seconds | rows lost | rows duplicated | orphan credentials | sign-in failures |\n|---|---|---|---|---|---|---|\n',
  );
  for (const d of chaos.details) {
    process.stdout.write(
      `| ${d.scenario} | ${d.rows} | ${d.seconds} | ${d.rowsLost} | ${d.rowsDuplicated} | ${d.orphanCredentials} | ${d.signInFailures} |\n`,
    );
  }
  process.stdout.write(
    `| **all ${chaos.scenarios} scenarios (${chaos.faultsInjected} faults)** | ${chaos.rows} | | ${chaos.rowsLost} | ${chaos.rowsDuplicated} | ${chaos.orphanCredentials} | ${chaos.signInFailures} |\n\n`,
  );
}

const inputs = ['hostile-rest', 'hostile-import-rows', 'hostile-import-files', 'http-abuse']
  .map((suite) => last.get(suite))
  .filter(Boolean);
if (inputs.length > 0) {
  process.stdout.write(
    '### Hostile input\n\n| suite | inputs | requests | uploads / rows | 5xx | crashes | answers by status |\n|---|---|---|---|---|---|---|\n',
  );
  for (const s of inputs) {
    const statuses = Object.entries(s.byStatus ?? {})
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    const uploads = s.uploads ? `${s.uploads} / ${s.rows}` : '';
    process.stdout.write(
      `| ${s.suite} | ${s.inputs ?? ''} | ${s.requests} | ${uploads} | ${s.status5xx} | ${s.crashes} | ${statuses} |\n`,
    );
  }
  process.stdout.write('\n');
}

const security = last.get('security');
const matrix = last.get('authorization-imports');
if (security || matrix) {
  process.stdout.write('### Security checks\n\n');
  if (security) {
    const places = security.placesScanned ?? {};
    process.stdout.write(
      `- tokens forged: ${security.tokensTried} (${security.tokenRequests} requests), all 401\n` +
        `- security headers checked: ${security.headersChecked} on ${security.answersChecked} answers; CORS requests: ${security.corsRequests}\n` +
        `- passwords scanned for: ${security.secretsScanned} (${security.needles} encodings) in ${places.redisKeys} Redis keys, ${places.rabbitmqMessages} RabbitMQ messages, ${places.databaseTables} database tables and ${places.logFiles} log files: ${security.leaks ?? 0} found\n`,
    );
  }
  if (matrix)
    process.stdout.write(
      `- import authorization matrix: ${matrix.cells} cells, ${matrix.mismatches} mismatches\n`,
    );
}

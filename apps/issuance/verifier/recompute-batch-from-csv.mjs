#!/usr/bin/env node
// Reproduces the totals of a Refurb Ledger issuance batch from its evidence CSV alone
// (GET /v1/batches/<id>/evidence.csv). No dependencies: read it, then run it with Node.js 18+.
//
//   node recompute-batch-from-csv.mjs batch.csv [--json] [--discount-bp 500] [--carried-in-g 0]
//
// What it checks, in integer grams CO2e (methodology RL-REFURB-1, docs/methodology.md):
//   per line   BE_g = floor(((10000 - s_bp) * new_g + s_bp * light_g) / 10000) + eol_g
//              PE_g = light_g + parts_g + transport_g
//              avoided_g = max(0, BE_g - PE_g); the line adds +avoided_g (credit) or -avoided_g (reversal)
//   per batch  gross_g = sum of the lines; discount_g = ceil(max(gross_g, 0) * discount_bp / 10000)
//              net_g = gross_g - discount_g + carried_in_g; credits = max(floor(net_g / 1e6), 0)
//              carried_out_g = net_g - credits * 1e6
// discount_bp and carried_in_g come from the file's `# key: value` header (or the options), and the
// totals the ledger claims from its trailer. Exit code 0: everything reproduced; 1: a difference;
// 2: the file or the options cannot be read.
import { readFileSync } from 'node:fs';

const GRAMS_PER_CREDIT = 1_000_000n;
const BASIS_POINTS = 10_000n;

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

// RFC 4180 records; a record starting with '#' is a comment line (`# key: value`).
function parseCsv(text) {
  const comments = [];
  const records = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '#') {
      const end = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
      comments.push(text.slice(i + 1, end).replace(/\r$/, ''));
      i = end + 1;
      continue;
    }
    const fields = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote === -1) fail('unterminated quoted field');
          field += text.slice(i, quote);
          if (text[quote + 1] === '"') {
            field += '"';
            i = quote + 2;
          } else {
            i = quote + 1;
            break;
          }
        }
      } else {
        while (i < text.length && !',\r\n'.includes(text[i])) field += text[i++];
      }
      fields.push(field);
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      break;
    }
    records.push(fields);
  }
  return { comments, records };
}

function integer(value, what) {
  if (!/^-?\d+$/.test(value ?? '')) fail(`${what} is not an integer: ${JSON.stringify(value)}`);
  return BigInt(value);
}

function floorDiv(a, b) {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function ceilDiv(a, b) {
  return -floorDiv(-a, b);
}

function closeTotals(grossG, discountBp, carriedInG) {
  const discountG = grossG > 0n ? ceilDiv(grossG * discountBp, BASIS_POINTS) : 0n;
  const netG = grossG - discountG + carriedInG;
  const credits = netG > 0n ? floorDiv(netG, GRAMS_PER_CREDIT) : 0n;
  return { grossG, discountG, netG, credits, carriedOutG: netG - credits * GRAMS_PER_CREDIT };
}

// The figure of one line, recomputed from the emissions components it prints.
function checkLine(row) {
  const n = (column) => integer(row[column], `${column} of ${row.change_id}`);
  const problems = [];
  const share = n('refurbished_share_bp');
  const baseline =
    floorDiv((BASIS_POINTS - share) * n('new_device_g') + share * n('light_refurbishment_g'), BASIS_POINTS) +
    n('eol_g');
  const project = n('light_refurbishment_g') + n('parts_g') + n('transport_g');
  const avoided = baseline > project ? baseline - project : 0n;
  const signed = row.kind === 'reversal' ? -avoided : avoided;
  if (baseline !== n('baseline_g')) problems.push(`baseline_g is ${row.baseline_g}, recomputed ${baseline}`);
  if (project !== n('project_g')) problems.push(`project_g is ${row.project_g}, recomputed ${project}`);
  if (avoided !== n('cycle_avoided_g'))
    problems.push(`cycle_avoided_g is ${row.cycle_avoided_g}, recomputed ${avoided}`);
  if (signed !== n('line_avoided_g'))
    problems.push(`line_avoided_g is ${row.line_avoided_g}, recomputed ${signed}`);
  if (row.kind !== 'credit' && row.kind !== 'reversal')
    problems.push(`kind ${JSON.stringify(row.kind)} is unknown`);
  return { signed, problems };
}

function main(argv) {
  const options = { json: false, file: undefined, discountBp: undefined, carriedInG: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') options.json = true;
    else if (argv[i] === '--discount-bp') options.discountBp = argv[++i];
    else if (argv[i] === '--carried-in-g') options.carriedInG = argv[++i];
    else if (options.file === undefined) options.file = argv[i];
    else fail(`unexpected argument ${argv[i]}`);
  }
  if (options.file === undefined)
    fail(
      'usage: node recompute-batch-from-csv.mjs <evidence.csv> [--json] [--discount-bp N] [--carried-in-g N]',
    );

  const { comments, records } = parseCsv(readFileSync(options.file, 'utf8'));
  const metadata = {};
  for (const line of comments) {
    const match = /^ ([a-z_]+): (.*)$/.exec(line);
    if (match && !(match[1] in metadata)) metadata[match[1]] = match[2];
  }
  const [header, ...body] = records;
  if (!header || !header.includes('line_avoided_g')) fail('no header record with a line_avoided_g column');
  const rows = body.map((fields) => Object.fromEntries(header.map((column, i) => [column, fields[i]])));

  const discountBp = integer(
    options.discountBp ?? metadata.discount_bp,
    'discount_bp (header or --discount-bp)',
  );
  const carriedInG = integer(
    options.carriedInG ?? metadata.carried_in_g,
    'carried_in_g (header or --carried-in-g)',
  );
  const differences = [];
  const seen = new Set();
  let grossG = 0n;
  for (const row of rows) {
    if (seen.has(row.change_id)) differences.push(`${row.change_id}: appears twice`);
    seen.add(row.change_id);
    const { signed, problems } = checkLine(row);
    differences.push(...problems.map((problem) => `${row.change_id}: ${problem}`));
    grossG += signed;
  }
  const totals = closeTotals(grossG, discountBp, carriedInG);
  const claimed = {};
  for (const key of ['gross_g', 'discount_g', 'net_g', 'credits', 'carried_out_g']) {
    if (metadata[key] !== undefined) claimed[key] = integer(metadata[key], `claimed ${key}`);
  }
  const computed = {
    gross_g: totals.grossG,
    discount_g: totals.discountG,
    net_g: totals.netG,
    credits: totals.credits,
    carried_out_g: totals.carriedOutG,
  };
  for (const [key, value] of Object.entries(claimed)) {
    if (value !== computed[key])
      differences.push(`${key}: the file claims ${value}, recomputed ${computed[key]}`);
  }
  if (
    metadata.line_count !== undefined &&
    integer(metadata.line_count, 'line_count') !== BigInt(rows.length)
  ) {
    differences.push(`line_count: the file claims ${metadata.line_count}, it has ${rows.length} rows`);
  }

  const report = {
    batchId: metadata.batch_id ?? null,
    serialBlock: metadata.serial_block || null,
    lines: rows.length,
    discountBp: Number(discountBp),
    carriedInG: Number(carriedInG),
    totals: Object.fromEntries(Object.entries(computed).map(([key, value]) => [key, Number(value)])),
    matches: differences.length === 0,
    differences,
  };
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    process.stdout.write(`batch ${report.batchId ?? '(unnamed)'}: ${report.lines} lines\n`);
    for (const [key, value] of Object.entries(report.totals))
      process.stdout.write(`  ${key.padEnd(14)}${value}\n`);
    process.stdout.write(
      report.matches ? 'every line and total reproduced\n' : `${differences.length} difference(s):\n`,
    );
    for (const difference of differences) process.stdout.write(`  - ${difference}\n`);
  }
  return report.matches ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));

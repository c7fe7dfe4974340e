// Formatting and saving of bench results: Markdown tables for stdout, JSON under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './site.mjs';

/** Bytes as KB with one decimal (1 KB = 1024 bytes). */
export function kb(bytes) {
  return typeof bytes === 'number' ? (bytes / 1024).toFixed(1) : '—';
}

/** A number with fixed digits, or a dash. */
export function fixed(value, digits = 1) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/**
 * A Markdown table.
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 * @param {('l' | 'r')[]} [align]  per column; numbers read best right-aligned
 */
export function table(header, rows, align = header.map((_, i) => (i === 0 ? 'l' : 'r'))) {
  const line = (cells) => `| ${cells.map(String).join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '---:' : ':---'))), ...rows.map(line)].join('\n');
}

/** The machine a result was measured on. */
export function machine() {
  const cpu = cpus();
  return {
    platform: `${platform()} ${arch()}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/**
 * Writes a result as bench/results/<name>-<timestamp>.json and <name>-latest.json.
 * @returns {string} the path of the timestamped file
 */
export function saveResult(name, result) {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = `${JSON.stringify({ name, date: new Date().toISOString(), machine: machine(), ...result }, null, 2)}\n`;
  const file = join(dir, `${name}-${stamp}.json`);
  writeFileSync(file, body);
  writeFileSync(join(dir, `${name}-latest.json`), body);
  return file;
}

/** True when this module's importer is the script node was asked to run. */
export function isMain(importMetaUrl) {
  return importMetaUrl === pathToFileURL(process.argv[1] ?? '').href;
}

import { beforeAll, describe, expect, it } from '@jest/globals';
import { runAllInProcess } from './run-main.js';
import type { CliRun } from './run-cli.js';

/** The zoo ids the issue names (issue 3 §2), sorted. */
const ZOO = [
  'convnext',
  'mobilenet-v1',
  'mobilenet-v2',
  'mobilenet-v3-large',
  'mobilenet-v3-small',
  'resnet-18',
  'resnet-50',
  'shufflenet-v2',
  'shufflenet-v2-1.25',
  'vit',
];

let table: CliRun;
let json: CliRun;
let csv: CliRun;
let badFormat: CliRun;
let extraArgument: CliRun;

beforeAll(async () => {
  [table, json, csv, badFormat, extraArgument] = (await runAllInProcess([
    ['models'],
    ['models', '--format', 'json'],
    ['models', '--format', 'csv'],
    ['models', '--format', 'xml'],
    ['models', 'mobilenet-v1'],
  ])) as [CliRun, CliRun, CliRun, CliRun, CliRun];
}, 120_000);

interface Entry {
  id: string;
  title: string;
  parameters: {
    name: string;
    description: string;
    default: number | string;
    values: (number | string)[];
    rule: string;
  }[];
}

describe('butterflops models', () => {
  it('lists every zoo model with its parameters, defaults and allowed values', () => {
    expect(table.status).toBe(0);
    expect(table.stderr).toBe('');
    const header = table.stdout.split('\n')[0] ?? '';
    expect(header.split(/\s{2,}/)).toEqual(['id', 'title', 'parameter', 'default', 'allowed values']);
    for (const id of ZOO) expect(table.stdout).toMatch(new RegExp(`^${id.replace('.', '\\.')}\\s`, 'm'));
    // What a user needs to pass: variants with their words, widths with the published settings.
    expect(table.stdout).toMatch(/variant\s+official\s+one of official, torchvision/);
    expect(table.stdout).toMatch(/variant\s+v1\s+one of v1, v1\.5/);
    expect(table.stdout).toMatch(/stage4\s+1024\s+a number one of 1024, 512/);
    expect(table.stdout).toContain('a number > 0 typically 0.25, 0.5, 0.75, 1');
    expect(table.stdout).toContain('an integer >= 1 typically 128, 160, 192, 224');
  });

  it('JSON parses with id, title and parameters (name, description, default, values, rule)', () => {
    expect(json.status).toBe(0);
    const entries = JSON.parse(json.stdout) as Entry[];
    expect(entries.map((e) => e.id)).toEqual(ZOO);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['id', 'parameters', 'title']);
      for (const p of entry.parameters)
        expect(Object.keys(p).sort()).toEqual(['default', 'description', 'name', 'rule', 'values']);
    }
    const v1 = entries.find((e) => e.id === 'mobilenet-v1');
    expect(v1?.title).toBe('MobileNetV1');
    expect(v1?.parameters.map((p) => [p.name, p.default])).toEqual([
      ['width', 1],
      ['resolution', 224],
      ['classes', 1000],
    ]);
    const shuffle = entries.find((e) => e.id === 'shufflenet-v2');
    // ShuffleNetV2 comes in the published widths only (issue 3: 0.5/1.0/1.5/2.0).
    expect(shuffle?.parameters.find((p) => p.name === 'width')?.values).toEqual([0.5, 1, 1.5, 2]);
    expect(shuffle?.parameters.find((p) => p.name === 'variant')?.values).toEqual(['official', 'torchvision']);
  });

  it('CSV repeats id and title on every parameter row', () => {
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,title,parameter,default,allowed values');
    const ids = lines.slice(1).map((line) => line.split(',')[0]);
    expect(ids.every((id) => ZOO.includes(id ?? ''))).toBe(true);
    expect(lines).toContain('mobilenet-v1,MobileNetV1,resolution,224,"an integer >= 1 typically 128, 160, 192, 224"');
  });

  it('bad input exits 2 with one line', () => {
    for (const run of [badFormat, extraArgument]) {
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')).toHaveLength(2);
    }
    expect(badFormat.stderr).toBe(
      'butterflops: --format: invalid format; received "xml"; expected one of table, markdown, csv, json\n',
    );
  });
});

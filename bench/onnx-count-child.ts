/**
 * Child process of the ONNX import benchmark: reads, decodes and counts one ONNX file, then
 * prints its start-up time, the read + decode + count time (wall and CPU), peak RSS and MACs as JSON. Separate so that every round starts cold.
 */
import '../src/io/node-packages.js';
import { analyze } from '../src/cost/analyze.js';
import { readOnnxModel } from '../src/io/onnx-file.js';
import { PAPER_CONVENTION } from '../src/model/convention.js';
import { readFileSync } from 'node:fs';

/**
 * Peak RSS of this process, MB. Linux's getrusage maxrss survives exec, so a child spawned by a
 * parent holding a large buffer would report the parent's peak; /proc/self/status VmHWM is this
 * program's own high-water mark. Elsewhere, maxrss.
 */
function peakRssMB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.resourceUsage().maxRSS / 1024;
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: onnx-count-child <file.onnx>');
// performance.now() counts from the process start: what passed so far is start-up and module loading.
const start = performance.now();
const cpuStart = process.cpuUsage();
const report = analyze(readOnnxModel(file).build(), PAPER_CONVENTION);
const ms = performance.now() - start;
const cpu = process.cpuUsage();
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
process.stdout.write(
  JSON.stringify({
    startupMs: start,
    startupCpuMs: cpuMs(cpuStart),
    ms,
    cpuMs: cpuMs(cpu) - cpuMs(cpuStart),
    maxRssMB: peakRssMB(),
    macs: `${report.total.macs}`,
  }),
);

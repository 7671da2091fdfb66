/** The machine a measurement runs on: CPU, cores, versions and the load average now. */
import { cpus, loadavg, platform, release } from 'node:os';
import ort from 'onnxruntime-node';

/** CPU model, logical cores, OS, Node and onnxruntime versions. */
export function machineDescription(): {
  cpu: string;
  cores: number;
  platform: string;
  node: string;
  onnxruntime: string;
} {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    platform: `${platform()} ${release()}`,
    node: process.version,
    onnxruntime: ort.env.versions.node ?? 'unknown',
  };
}

/** The 1, 5 and 15 minute load averages, rounded to 0.01. */
export function loadAverage(): number[] {
  return loadavg().map((value) => Math.round(value * 100) / 100);
}

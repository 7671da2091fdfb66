import type { ProgressCallback } from '../graph/reachability.js';

/** The part of a writable stream the progress line needs (process.stderr has it). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** A progress line on a terminal: `report` as work goes on, `finish` when it is done. */
export interface TerminalProgress {
  readonly report: ProgressCallback;
  readonly finish: () => void;
}

/**
 * Progress for long work, shown as one rewritten line on `stream` — only when the stream is a
 * terminal (`isTTY`) and only once `delayMs` (default 2 s) have passed, at most every 250 ms;
 * `finish` erases the line. Nothing is ever written to a pipe or file, so JSON/CSV on stdout and
 * redirected stderr stay clean. `now` is the clock (milliseconds), for tests.
 */
export function terminalProgress(
  stream: ProgressStream,
  label: string,
  delayMs = 2000,
  now: () => number = Date.now,
): TerminalProgress {
  const start = now();
  let last = -Infinity;
  let shown = false;
  const report: ProgressCallback = (phase, done, total) => {
    if (stream.isTTY !== true) return;
    const time = now();
    if (time - start < delayMs || time - last < 250) return;
    last = time;
    shown = true;
    const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
    stream.write(`\r\x1b[K${label}: ${phase} ${done}/${total} (${percent} %)`);
  };
  const finish = (): void => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return { report, finish };
}

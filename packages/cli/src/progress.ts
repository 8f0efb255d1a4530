/**
 * Live progress of one task: a `cli-progress` bar (status, percent, the provider's eta,
 * elapsed) when stderr is a terminal, one plain log line per change otherwise.
 */
import cliProgress from 'cli-progress';
import type { DownloadProgress, DownloadRetry, TaskUpdate } from '@vidukit/polling/node';
import { formatBytes, formatSeconds, statusLabel, type Output } from './output.js';

export interface TaskProgress {
  update(u: TaskUpdate): void;
  download(p: DownloadProgress): void;
  /** The download failed on the way and is about to be tried again. */
  retry(r: DownloadRetry): void;
  /** Stops the bar (and its redraw timer); safe to call twice. */
  stop(): void;
}

/** "cut after 12.0 MB; retry 1 in 400 ms" (the error's own words are in the final message if all retries fail). */
function retryNote(r: DownloadRetry): string {
  const what = r.error.status !== undefined ? `HTTP ${r.error.status}` : r.receivedBytes > 0 ? `cut after ${formatBytes(r.receivedBytes)}` : 'failed';
  return `${what}; retry ${r.retry} in ${r.delayMs < 1000 ? `${Math.round(r.delayMs)} ms` : formatSeconds(r.delayMs / 1000)}`;
}

export function taskProgress(out: Output, prefix = ''): TaskProgress {
  const started = Date.now();
  const elapsed = () => formatSeconds((Date.now() - started) / 1000);
  const eta = (u: TaskUpdate) => (u.etaSeconds !== undefined ? formatSeconds(u.etaSeconds) : '?');
  if (out.interactive) {
    const c = out.c;
    const bar = new cliProgress.SingleBar(
      {
        stream: out.streams.stderr as NodeJS.WriteStream,
        format: `${prefix}${c.cyan('{status}')} ${c.dim('{bar}')} {percentage}% | {info} | elapsed {duration_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        fps: 4,
        barsize: 28,
        formatValue: (v, _o, type) => (type === 'percentage' ? String(v).padStart(3) : String(v)),
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(100, 0, { status: 'submitted ', info: 'eta ?' });
    let stopped = false;
    let downloading = false;
    return {
      update(u) {
        if (stopped) return;
        const pct = u.status === 'TASK_STATUS_SUCCEED' ? 100 : Math.max(0, Math.min(100, Math.round(u.progressPercent ?? 0)));
        bar.update(pct, { status: statusLabel(u.status).padEnd(10), info: `eta ${eta(u)}` });
      },
      download(p) {
        if (stopped) return;
        if (!downloading) {
          downloading = true;
          bar.setTotal(p.totalBytes ?? 100);
        }
        bar.update(p.totalBytes ? p.receivedBytes : 0, { status: 'download  ', info: formatBytes(p.receivedBytes) });
      },
      retry(r) {
        if (stopped) return;
        bar.update({ status: 'retrying  ', info: `${retryNote(r)}` });
      },
      stop() {
        if (stopped) return;
        stopped = true;
        bar.stop();
      },
    };
  }
  let last = '';
  return {
    update(u) {
      const pct = u.progressPercent !== undefined ? ` ${Math.round(u.progressPercent)}%` : '';
      const line = `${statusLabel(u.status)}${pct}`;
      if (line === last) return;
      last = line;
      out.log(`${prefix}${line} · eta ${eta(u)} · ${elapsed()} elapsed`);
    },
    download() {},
    retry(r) {
      out.log(`${prefix}download: ${retryNote(r)}`);
    },
    stop() {},
  };
}

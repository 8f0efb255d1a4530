// @ts-check
/**
 * Scheduler scale: `waitForMany` over 10,000 simulated tasks on a simulated clock against a
 * fake task reader with 150 ms (simulated) latency. Reports peak heap, the scheduler's live
 * timers (counted exactly through the injected clock; the fake server's latency timers are
 * counted apart), real Node timers seen meanwhile, requests in any rolling minute versus
 * `requestsPerMinute`, in-flight versus `concurrency`, and CPU time per poll.
 */
import { waitForMany, seededRandom } from '@vidukit/polling';
import { SimClock } from '../lib/sim-clock.mjs';
import { fmt, fmtBytes, MB } from '../lib/stats.mjs';

/** @import { BenchOptions, BenchOutput, Row } from '../report.mjs' */

/**
 * Largest number of request times within any half-open window [t, t + windowMs).
 * @param {number[]} times ascending @param {number} windowMs
 */
function maxInWindow(times, windowMs) {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    // lo <= hi < times.length: both are in range.
    const t = /** @type {number} */ (times[hi]);
    while (t - /** @type {number} */ (times[lo]) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

const realTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/** @param {BenchOptions & { tasks?: number }} [options] @returns {Promise<BenchOutput>} */
export async function run(options = {}) {
  const smoke = options.smoke ?? false;
  const taskCount = options.tasks ?? (smoke ? 300 : 10_000);
  const requestsPerMinute = 6000;
  const concurrency = 16;
  const latencyMs = 150;
  const sim = new SimClock();
  const serverClock = sim.view('fake server');
  const rnd = seededRandom(42);

  // Each task finishes 60..600 s (simulated) after the start; progress grows linearly.
  const durations = new Map();
  const ids = [];
  for (let i = 0; i < taskCount; i++) {
    const id = `task-${i.toString().padStart(6, '0')}`;
    ids.push(id);
    durations.set(id, 60_000 + Math.floor(rnd() * 540_000));
  }
  /** @type {number[]} */
  const requestTimes = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let fakeMs = 0; // wall time spent inside the fake reader (excluded from the scheduler's CPU)
  const reader = {
    /** @param {string} taskId */
    getTaskResult(taskId) {
      const t0 = performance.now();
      const now = sim.now;
      requestTimes.push(now);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const d = durations.get(taskId);
      const done = now >= d;
      const body = {
        task: {
          task_id: taskId,
          status: done ? 'TASK_STATUS_SUCCEED' : now < 20_000 ? 'TASK_STATUS_QUEUED' : 'TASK_STATUS_PROCESSING',
          reason: '',
          task_type: 'VIDU_Q1_REFERENCE',
          eta: Math.max(0, Math.round((d - now) / 1000)),
          progress_percent: Math.min(100, Math.floor((now / d) * 100)),
        },
        videos: done ? [{ video_url: `https://cdn.example.com/${taskId}.mp4`, video_url_ttl: '3600', video_type: 'mp4' }] : [],
      };
      const p = new Promise((resolve) =>
        serverClock.setTimeout(() => {
          inFlight--;
          resolve(body);
        }, latencyMs),
      );
      fakeMs += performance.now() - t0;
      return p;
    },
  };

  const schedulerClock = sim.view('scheduler');
  if (global.gc) global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  let maxRealTimers = 0;
  let steps = 0;
  const realTimersBefore = realTimers();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const outcomes = await sim.run(
    waitForMany(reader, ids, {
      clock: schedulerClock,
      random: seededRandom(7),
      concurrency,
      requestsPerMinute,
      timeoutMs: Infinity,
      startedAt: 0,
    }),
    () => {
      if (++steps % 64 === 0) {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        maxRealTimers = Math.max(maxRealTimers, realTimers() - realTimersBefore);
      }
    },
  );
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - wall0;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const ok = outcomes.filter((o) => o.ok).length;
  const polls = requestTimes.length;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const schedulerCpuUsPerPoll = ((cpuMs - fakeMs) * 1000) / polls;
  const windowMax = maxInWindow(requestTimes, 60_000);
  const simMinutes = sim.now / 60_000;
  const sched = sim.countsFor('scheduler');
  const raw = {
    taskCount, ok, polls, requestsPerMinute, concurrency, windowMax, maxInFlight, simMinutes,
    heapBefore, peakHeap, schedulerTimers: sched, serverTimers: sim.counts['fake server'], maxRealTimers,
    cpuMs, fakeMs, wallMs, schedulerCpuUsPerPoll, steps,
  };
  if (ok !== taskCount) throw new Error(`scheduler bench: only ${ok} of ${taskCount} tasks succeeded`);

  const g = 'Scheduler scale';
  const n = `${fmt(taskCount)} tasks`;
  /** @type {Row[]} */
  const rows = [
    {
      group: g,
      figure: `waitForMany, ${n}: peak heap used (whole process)`,
      value: fmtBytes(peakHeap),
      baseline: `before start ${fmtBytes(heapBefore)}`,
      ratio: `+${fmtBytes(peakHeap - heapBefore)} (${fmt((peakHeap - heapBefore) / taskCount)} B/task)`,
      target: '< 100 MB',
      met: peakHeap < 100 * MB,
    },
    {
      group: g,
      figure: `waitForMany, ${n}: scheduler timers live at once (max)`,
      value: String(sched.maxLive),
      baseline: `${fmt(sched.created)} set in total for ${fmt(polls)} polls; real Node timers added: ${maxRealTimers}`,
      ratio: '',
      target: '1 for the whole scheduler',
      met: sched.maxLive <= 1 && maxRealTimers === 0,
    },
    {
      group: g,
      figure: `waitForMany, ${n}: requests in any rolling minute (max)`,
      value: fmt(windowMax),
      baseline: `budget ${fmt(requestsPerMinute)}/min; ${fmt(polls)} polls over ${fmt(simMinutes)} simulated min (${fmt(polls / simMinutes)}/min avg)`,
      ratio: `${fmt(windowMax / requestsPerMinute)}x budget; in flight max ${maxInFlight} of ${concurrency}`,
      target: 'never above the budget',
      met: windowMax <= requestsPerMinute && maxInFlight <= concurrency,
    },
    {
      group: g,
      figure: `waitForMany, ${n}: scheduler CPU per poll`,
      value: `${fmt(schedulerCpuUsPerPoll)} us`,
      baseline: `process CPU ${fmt(cpuMs)} ms total incl. fake reader ${fmt(fakeMs)} ms and sim-clock driver; ${fmt(polls / taskCount)} polls/task`,
      ratio: '',
      target: '',
      met: null,
      note: 'upper bound: includes the simulated clock driving loop (one setImmediate per timer)',
    },
  ];
  return { rows, raw };
}

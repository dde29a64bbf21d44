// Jobs/s of the BullMQ worker processes already running (PIDS) on PROVIDER's path, timed as the Alpha2 side is (the
// bench tool's `workers --provider`): warm-up batches, then COUNT jobs added while the workers are paused (SIGSTOP)
// and drained once they go on (SIGCONT); rate = jobs / (first processedOn .. last finishedOn). With CPU_PIDS
// (name=pid,…), also each process's CPU per job from the moment the workers go on to the last finish. Appends one
// WorkerRun line (JSON, the shape of bench/Alpha2.Bench/Measurements.cs) to RESULTS, and exits 1 unless every timed
// job completed with an answer text, as the Alpha2 side does.
// Env: REDIS_PORT, PROVIDER (gemini or groq; gemini when unset), PIDS (comma-separated), PROCESSES, CONCURRENCY,
// COUNT, WARMUP (jobs per warm-up batch), WARMUP_SECONDS, RESULTS, CPU_PIDS, PAIR (the record's pair number, if set).
import { appendFileSync, readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const connection = new Redis({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT), maxRetriesPerRequest: null });
const queue = new Queue('ai-infer', { connection });
// The Alpha2 side's jobs exactly (bench/Alpha2.Bench/BenchJobs.cs): one short prompt to each provider's model.
const models = { gemini: 'gemini-2.5-flash-lite', groq: 'llama-3.1-8b-instant' };
const provider = process.env.PROVIDER || 'gemini';
if (!models[provider]) throw new Error(`PROVIDER must be gemini or groq, not ${provider}`);
const job = { provider, model: models[provider], prompt: 'bench', maxTokens: 16 };

async function finishedCount() {
  const counts = await queue.getJobCounts('completed', 'failed');
  return counts.completed + counts.failed;
}

function signal(name, pids) {
  for (const pid of pids) process.kill(Number(pid), name);
}

// utime + stime of a process, in USER_HZ ticks (100 a second on Linux).
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const cpuPids = (process.env.CPU_PIDS ?? '').split(',').filter(Boolean).map((entry) => entry.split('='));
let cpuStarted = [];

async function runBatch(count, paused) {
  const before = await finishedCount();
  signal('SIGSTOP', paused);
  const started = Date.now();
  const ids = [];
  for (let i = 0; i < count; i += 1000) {
    const added = await queue.addBulk(Array.from({ length: Math.min(1000, count - i) }, () => ({ name: 'infer', data: job })));
    ids.push(...added.map((j) => j.id));
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`pushed ${count} jobs in ${seconds.toFixed(2)} s (${Math.round(count / seconds)} jobs/s)`);
  signal('SIGCONT', paused);
  cpuStarted = cpuPids.map(([, pid]) => cpuTicks(pid));
  const deadline = Date.now() + 300_000;
  while ((await finishedCount()) < before + count) {
    if (Date.now() > deadline) throw new Error('the jobs were not all done in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return ids;
}

// Warm-up batches until WARMUP_SECONDS have passed, as the Alpha2 side warms.
const warmUntil = Date.now() + 1000 * Number(process.env.WARMUP_SECONDS ?? 0);
do {
  await runBatch(Number(process.env.WARMUP ?? 1000), []);
} while (Date.now() < warmUntil);
const ids = await runBatch(Number(process.env.COUNT), (process.env.PIDS ?? '').split(',').filter(Boolean));
const cpuUsPerJob = Object.fromEntries(
  cpuPids.map(([name, pid], i) => [name, Number((((cpuTicks(pid) - cpuStarted[i]) * 10_000) / ids.length).toFixed(3))]));
const pipeline = connection.pipeline();
for (const id of ids) pipeline.hmget(`bull:ai-infer:${id}`, 'processedOn', 'finishedOn', 'failedReason', 'returnvalue');
const times = (await pipeline.exec()).map(([, value]) => value);
const answered = (t) => !t[2] && t[3] && JSON.parse(t[3])?.text;
const failed = times.filter((t) => !answered(t)).length;
const first = times.reduce((min, t) => Math.min(min, Number(t[0])), Infinity);
const last = times.reduce((max, t) => Math.max(max, Number(t[1])), 0);
const rate = (ids.length * 1000) / Math.max(1, last - first);
console.log(`${provider}: ${ids.length - failed} of ${ids.length} done with a text in ${last - first} ms: ${Math.round(rate)} jobs/s`);
if (failed > 0) {
  const example = times.find((t) => !answered(t));
  console.error(`${provider}: ${failed} jobs not done with a text; the first: failedReason '${example[2]}', returnvalue '${example[3]}'`);
}
const run = {
  kind: 'worker',
  system: 'BullMQ',
  provider,
  processes: Number(process.env.PROCESSES ?? 1),
  concurrency: Number(process.env.CONCURRENCY),
  jobs: ids.length,
  jobsPerSecond: Number(rate.toFixed(3)),
  cpuUsPerJob,
  ...(process.env.PAIR ? { pair: Number(process.env.PAIR) } : {}),
};
appendFileSync(process.env.RESULTS, `${JSON.stringify(run)}\n`);
console.log(JSON.stringify(run));
await queue.close();
connection.disconnect();
process.exit(failed === 0 ? 0 : 1);

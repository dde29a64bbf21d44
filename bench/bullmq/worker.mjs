// One BullMQ worker process for bench/run.sh: the Alpha2 worker's ai-infer work, done the BullMQ way.
// Each job makes the same Gemini generateContent call to the same stub and stores {text, tokens, cost}.
// Env: REDIS_PORT, STUB_URL, CONCURRENCY.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { request } from 'undici';

const url = `${process.env.STUB_URL}/v1beta/models/gemini-2.5-flash-lite:generateContent`;
// BullMQ 6 under ESM takes a client, not options; workers need maxRetriesPerRequest null.
const connection = new Redis({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT), maxRetriesPerRequest: null });
// gemini-2.5-flash-lite's USD prices per token, as the Alpha2 worker bills them.
const inputPrice = 0.10 / 1e6;
const outputPrice = 0.40 / 1e6;

async function infer(job) {
  const { prompt, maxTokens } = job.data;
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'bench' },
    body: JSON.stringify({
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: { maxOutputTokens: maxTokens, thinkingConfig: { thinkingBudget: 0 } },
    }),
  });
  if (response.statusCode !== 200) {
    throw new Error(`Gemini answered ${response.statusCode}`);
  }
  const answer = await response.body.json();
  const text = answer.candidates[0].content.parts.map((part) => part.text).join('');
  const usage = answer.usageMetadata;
  const cost = usage.promptTokenCount * inputPrice + usage.candidatesTokenCount * outputPrice;
  return { text, tokens: usage.totalTokenCount, cost: Math.round(cost * 1e6) / 1e6 };
}

// Finished jobs kept for an hour, as the Alpha2 worker keeps results for JOB_RETENTION_HOURS.
const worker = new Worker('ai-infer', infer, {
  connection,
  concurrency: Number(process.env.CONCURRENCY),
  removeOnComplete: { age: 3600 },
  removeOnFail: { age: 3600 },
});
worker.on('error', (error) => console.error(error.message));
process.on('SIGTERM', async () => {
  await worker.close();
  process.exit(0);
});

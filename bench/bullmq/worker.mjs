// One BullMQ worker process for bench/run.sh: the Alpha2 worker's ai-infer work, done the BullMQ way (bench/PEER.md
// sets the two side by side). Each job names its provider and model, as ours do; the worker makes the same call our
// client makes for that provider to the same stub, reads the answer, prices it and returns the same result, which
// BullMQ keeps for the retention period.
// Env: REDIS_PORT, CONCURRENCY, GEMINI_API_URL, GEMINI_API_KEY, GROQ_API_URL, GROQ_API_KEY (bench/lib.sh exports them
// for both workers).
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { request } from 'undici';

// BullMQ 6 under ESM takes a client, not options; workers need maxRetriesPerRequest null.
const connection = new Redis({ host: '127.0.0.1', port: Number(process.env.REDIS_PORT), maxRetriesPerRequest: null });

// USD per 1M tokens (input, output) of the models the bench's jobs name, as the Alpha2 worker's default catalog
// bills them (docs/providers.md §4, §5).
const prices = {
  'gemini-2.5-flash-lite': [0.10, 0.40],
  'llama-3.1-8b-instant': [0.05, 0.08],
};

async function post(url, headers, body, provider) {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.statusCode !== 200) {
    throw new Error(`${provider} answered ${response.statusCode}`);
  }
  return response.body.json();
}

// Gemini generateContent (docs/providers.md §4): thinking off for flash models; thinking tokens bill as output.
async function gemini(model, prompt, maxTokens) {
  const answer = await post(
    `${process.env.GEMINI_API_URL}/v1beta/models/${model}:generateContent`,
    { 'x-goog-api-key': process.env.GEMINI_API_KEY },
    {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: { maxOutputTokens: maxTokens, ...(model.includes('flash') ? { thinkingConfig: { thinkingBudget: 0 } } : {}) },
    },
    'Gemini');
  const candidate = answer.candidates[0];
  const usage = answer.usageMetadata;
  return {
    text: candidate.content.parts.map((part) => part.text).join(''),
    input: usage.promptTokenCount,
    output: usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0),
    total: usage.totalTokenCount,
    finishReason: candidate.finishReason,
    truncated: candidate.finishReason === 'MAX_TOKENS',
  };
}

// Groq's OpenAI-compatible chat completions (docs/providers.md §5).
async function groq(model, prompt, maxTokens) {
  const answer = await post(
    `${process.env.GROQ_API_URL}/v1/chat/completions`,
    { authorization: `Bearer ${process.env.GROQ_API_KEY}` },
    { model, messages: [{ role: 'user', content: prompt }], max_completion_tokens: maxTokens },
    'Groq');
  const choice = answer.choices[0];
  const usage = answer.usage;
  return {
    text: choice.message.content,
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    total: usage.total_tokens,
    finishReason: choice.finish_reason,
    truncated: choice.finish_reason === 'length',
  };
}

const calls = { gemini, groq };

async function infer(job) {
  const { provider, model, prompt, maxTokens } = job.data;
  const answer = await calls[provider](model, prompt, maxTokens);
  if (!answer.text) {
    throw new Error(`${provider} returned no answer text`);
  }
  const [input, output] = prices[model];
  const cost = (answer.input * input + answer.output * output) / 1e6;
  return {
    text: answer.text,
    tokens: answer.total,
    cost: Math.round(cost * 1e6) / 1e6,
    truncated: answer.truncated,
    finish_reason: answer.finishReason,
  };
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

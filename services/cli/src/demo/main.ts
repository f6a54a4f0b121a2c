import { parseArgs } from 'node:util';
import { C360Error } from '@c360/errors';
import { processIo } from '../io';
import { resolveSettings } from '../settings';
import { MAX_PEOPLE } from './people';
import { progressRenderer } from './progress';
import { DEFAULT_PEOPLE, DEFAULT_SEED, runDemo } from './run';

const USAGE = `npm run demo -- [--people N] [--seed TEXT] [--concurrency N] [--no-wait]

Sends a generated population (grocery shoppers with loyalty cards, hotline calls,
e-mail campaigns, web browsing) through the running platform's channel endpoints.
  C360_URL     the platform (default http://localhost:8080)
  C360_TOKEN   an admin token (default: the one in <C360_DATA_DIR or ./data>/local-credentials.json)`;

/** `npm run demo`: progress on stderr, the summary on stdout; exit 1 with a clear message on failure. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: String(DEFAULT_PEOPLE) },
      seed: { type: 'string', default: DEFAULT_SEED },
      concurrency: { type: 'string', default: '4' },
      'no-wait': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const people = Number(values.people);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(people) || people < 1 || people > MAX_PEOPLE) {
    console.error(`--people must be an integer from 1 to ${MAX_PEOPLE}`);
    return 1;
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    console.error('--concurrency must be an integer from 1 to 64');
    return 1;
  }
  const settings = resolveSettings({}, processIo());
  const { url } = settings;
  const adminToken = await settings.token();
  if (!adminToken) {
    console.error(
      'no admin token: set C360_TOKEN, or start the platform once with npm start (it writes data/local-credentials.json)',
    );
    return 1;
  }

  const progress = progressRenderer(process.stderr);
  const started = Date.now();
  const result = await runDemo({
    url,
    adminToken,
    seed: values.seed,
    people,
    concurrency,
    wait: !values['no-wait'],
    onProgress: (event) => progress.update(event),
  }).finally(() => progress.done());

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const s = result.sent;
  console.log(`demo seed "${result.seed}": ${result.people.length} people sent in ${seconds} s`);
  console.log(`  touchpoints  pos ${s.pos} · call center ${s.call_center} · email ${s.email} · web ${s.web}`);
  const multiCard = result.people.filter((p) => p.loyaltyCards.length > 1).length;
  const households = new Set(
    result.people.filter((p, _, all) => all.some((o) => o !== p && o.email === p.email)).map((p) => p.householdId),
  );
  console.log(`  ${multiCard} people hold several loyalty cards; ${households.size} households share a family e-mail`);
  if (result.profiles) {
    const p = result.profiles;
    console.log(
      `  profiles     ${p.profiles} built for ${p.people} people · ${p.touchpoints} of ${p.expectedTouchpoints} touchpoints in them`,
    );
    if (!p.complete) {
      console.log('  (the pipeline is still catching up: look again in a moment)');
      return 1;
    }
  }
  const example = result.people.find((p) => p.loyaltyCards.length > 1) ?? result.people[0];
  if (example) {
    console.log(
      `  try: curl -H "Authorization: Bearer $C360_TOKEN" '${url}/v1/customers/lookup?type=phone&value=${encodeURIComponent(example.phone)}'`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof C360Error ? error.message : String((error as Error)?.stack ?? error);
    console.error(`demo failed: ${message}`);
    process.exit(1);
  },
);

import { loadConfig } from '@c360/config';
import { C360Error } from '@c360/errors';
import { startPlatform, type RunningPlatform } from './platform';

/** `npm start`: every service in one process, on the embedded default unless configured otherwise. */
async function main(): Promise<void> {
  const config = loadConfig();
  const platform = await startPlatform(config, { log: (error) => console.error(error) });
  console.log(banner(platform));

  const stop = async (signal: string): Promise<void> => {
    console.log(`${signal}: stopping (finishing requests in flight, stopping consumers)`);
    await platform.stop();
    console.log('stopped cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function banner(platform: RunningPlatform): string {
  const { url, describe, credentials } = platform;
  const lines = [
    'customer-360 platform is up',
    `  database      ${describe.sql}`,
    `  event store   ${describe.eventStore}`,
    `  bus           ${describe.bus}`,
    `  web (Segment) ${url}/v1/track · /v1/identify · /v1/page · /v1/batch …  (HTTP Basic, write key as user name)`,
    `  email         ${url}/v1/email/sendgrid/events · ${url}/v1/email/inbound  (write key of an email source)`,
    `  POS           ${url}/v1/pos/receipts  ·  Shopify ${url}/v1/pos/shopify/orders-create · /refunds-create  (write key of a pos source)`,
    `  call center   ${url}/v1/callcenter/connect/ctr · ${url}/v1/callcenter/twilio/status  (write key of a call_center source)`,
    `  admin         ${url}/v1/admin/source-keys · ${url}/v1/admin/quarantine  (Bearer admin token)`,
    `  query API     ${url}/v1/customers?q=…  ·  ${url}/openapi.json  (Bearer token: reader, pii_reader or admin)`,
    `  metrics       ${url}/metrics  ·  health ${url}/healthz  ·  ${url}/readyz`,
  ];
  if (credentials.writeKey) lines.push(`  write key     ${credentials.writeKey}`);
  if (credentials.adminToken) lines.push(`  admin token   ${credentials.adminToken}`);
  if (credentials.file) lines.push(`  (kept for local use in ${credentials.file}, owner-readable only)`);
  lines.push(
    '  ingestor      resolving identities from the touchpoint topic into the event store',
    '  projector     building profiles, identifiers and contact history from the event store',
    '  not yet in this build: the console, CSV imports, the CLI and demo data',
    'Ctrl-C or SIGTERM stops it.',
  );
  return lines.join('\n');
}

main().catch((error: unknown) => {
  const message =
    error instanceof C360Error ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`customer-360 failed to start: ${message}`);
  process.exit(1);
});

import { serviceNames, type ServiceName } from '@c360/config';
import type { RunningPlatform } from './platform';

/** Per service, what the banner tells the operator: its endpoints, or the work it does in the background. */
const SERVICE_LINES: Record<ServiceName, { endpoints?: (url: string) => string[]; work?: string }> = {
  collector: {
    endpoints: (url) => [
      `  web (Segment) ${url}/v1/track · /v1/identify · /v1/page · /v1/batch …  (HTTP Basic, write key as user name)`,
      `  email         ${url}/v1/email/sendgrid/events · ${url}/v1/email/inbound  (write key of an email source)`,
      `  POS           ${url}/v1/pos/receipts · /v1/pos/receipts.csv  (write key of a pos source)`,
      `                Shopify ${url}/v1/pos/shopify/orders-create · /refunds-create  (signed by Shopify; source bound to the shop)`,
      `  call center   ${url}/v1/callcenter/connect/ctr · /twilio/status · /calls.csv  (write key of a call_center source)`,
      `  admin         ${url}/v1/admin/source-keys · ${url}/v1/admin/quarantine  (Bearer admin token)`,
    ],
  },
  'query-api': {
    endpoints: (url) => [
      `  query API     ${url}/v1/customers?q=…  ·  ${url}/openapi.json  (Bearer token: reader, pii_reader or admin)`,
    ],
  },
  ingestor: { work: '  ingestor      resolving identities from the touchpoint topic into the event store' },
  projector: { work: '  projector     building profiles, identifiers and contact history from the event store' },
};

/** The start-up banner: what runs in this process, where, and the credentials it knows. */
export function banner(platform: RunningPlatform): string {
  const { url, describe, credentials, services } = platform;
  const everything = serviceNames.every((name) => services.includes(name));
  const lines = [
    everything ? 'customer-360 platform is up' : `customer-360 ${services.join(', ')} is up`,
    `  database      ${describe.sql}`,
  ];
  if (describe.eventStore) lines.push(`  event store   ${describe.eventStore}`);
  if (describe.bus) lines.push(`  bus           ${describe.bus}`);
  for (const service of services) lines.push(...(SERVICE_LINES[service].endpoints?.(url) ?? []));
  lines.push(`  metrics       ${url}/metrics  ·  health ${url}/healthz  ·  ${url}/readyz`);
  if (credentials.writeKey) lines.push(`  write key     ${credentials.writeKey}`);
  if (credentials.adminToken) lines.push(`  admin token   ${credentials.adminToken}`);
  if (credentials.file) lines.push(`  (kept for local use in ${credentials.file}, owner-readable only)`);
  for (const service of services) if (SERVICE_LINES[service].work) lines.push(SERVICE_LINES[service].work);
  if (everything)
    lines.push('  try it        npm run demo (sends demo data through these endpoints) · npm run c360 -- --help');
  lines.push('Ctrl-C or SIGTERM stops it.');
  return lines.join('\n');
}

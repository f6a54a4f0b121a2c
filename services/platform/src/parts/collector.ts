import { migrateChannels, createCollector } from '@c360/channels';
import { amazonConnectAdapter, callCsvImportAdapter, twilioVoiceAdapter } from '@c360/channel-callcenter';
import { inboundMimeAdapter, sendgridEventsAdapter } from '@c360/channel-email';
import { posReceiptsAdapter, posReceiptsCsvAdapter, shopifyAdapter } from '@c360/channel-pos';
import { segmentAdapter } from '@c360/channel-web';
import { errorCallback } from '@c360/observability';
import type { StartService } from './part';

/** The collector: every channel adapter's endpoints and their admin routes (source keys, quarantine). */
export const startCollector: StartService = async ({ config, sql, registry, logger, bus, paymentTokenKey }) => {
  await migrateChannels(sql);
  const collector = createCollector({
    sql,
    bus: await bus(),
    topics: { touchpoints: config.C360_TOPIC_TOUCHPOINTS, quarantine: config.C360_TOPIC_QUARANTINE },
    adapters: [
      segmentAdapter(),
      sendgridEventsAdapter({ verificationKey: config.C360_SENDGRID_VERIFICATION_KEY }),
      inboundMimeAdapter(),
      amazonConnectAdapter({ defaultRegion: config.C360_DEFAULT_PHONE_REGION }),
      callCsvImportAdapter({
        defaultRegion: config.C360_DEFAULT_PHONE_REGION,
        limits: { maxBytes: config.C360_CSV_IMPORT_MAX_BYTES },
      }),
      posReceiptsAdapter({ paymentTokenKey: await paymentTokenKey(), defaultRegion: config.C360_DEFAULT_PHONE_REGION }),
      posReceiptsCsvAdapter({
        paymentTokenKey: await paymentTokenKey(),
        defaultRegion: config.C360_DEFAULT_PHONE_REGION,
        limits: { maxBytes: config.C360_CSV_IMPORT_MAX_BYTES },
      }),
      ...(config.C360_SHOPIFY_WEBHOOK_SECRET
        ? [
            shopifyAdapter({
              webhookSecret: config.C360_SHOPIFY_WEBHOOK_SECRET,
              defaultRegion: config.C360_DEFAULT_PHONE_REGION,
            }),
          ]
        : []),
      twilioVoiceAdapter({
        authToken: config.C360_TWILIO_AUTH_TOKEN,
        publicUrl: config.C360_PUBLIC_URL,
        defaultRegion: config.C360_DEFAULT_PHONE_REGION,
      }),
    ],
    registry,
    log: errorCallback(logger.child({ component: 'collector' }), 'collector request failed'),
  });
  await collector.start();
  // The collector's app ends in a catch-all 404: the platform mounts it after every other service.
  return { routes: collector.app, stop: () => collector.stop() };
};

import type { DeviceType } from '@c360/touchpoint';

/**
 * The device class of a web touchpoint, from the browser's user agent (analytics.js sends
 * `context.userAgent`), else from `context.device.type` (the mobile SDKs' `ios`/`android`).
 * - tablet: iPad, "Tablet", or Android without "Mobile" (Google's convention for tablets);
 * - mobile: "Mobi" (Mozilla's recommended test), iPhone, iPod, or an ios/android device;
 * - desktop: any other browser user agent (starts with `Mozilla/`);
 * - unknown: no hint, or a server library's user agent.
 */
export function deviceTypeOf(userAgent: string | null, deviceType: string | null): DeviceType {
  if (userAgent) {
    if (/iPad|Tablet|Android(?!.*Mobile)/i.test(userAgent)) return 'tablet';
    if (/Mobi|iPhone|iPod/i.test(userAgent)) return 'mobile';
    if (userAgent.startsWith('Mozilla/')) return 'desktop';
  }
  const hint = deviceType?.toLowerCase();
  if (hint === 'ios' || hint === 'android' || hint === 'mobile') return 'mobile';
  if (hint === 'tablet') return 'tablet';
  return 'unknown';
}

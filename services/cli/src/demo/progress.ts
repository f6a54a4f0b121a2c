import type { DemoProgress } from './run';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * Progress on a stream (stderr): on a terminal one line redrawn in place with a bar,
 * elsewhere (CI logs, pipes) a plain line at each phase and every 10 % of sending, so
 * a log stays short. `done()` ends the redrawn line.
 */
export function progressRenderer(stream: ProgressStream): { update(event: DemoProgress): void; done(): void } {
  const tty = stream.isTTY === true;
  let redrawing = false;
  let lastDecile = -1;
  let lastWaiting = '';
  const line = (text: string, inPlace: boolean) => {
    if (tty && inPlace) {
      stream.write(`\r\u001b[2K${text.slice(0, (stream.columns ?? 100) - 1)}`);
      redrawing = true;
      return;
    }
    if (redrawing) stream.write('\n');
    redrawing = false;
    stream.write(`${text}\n`);
  };
  return {
    update(event) {
      switch (event.phase) {
        case 'planned': {
          const c = event.counts;
          line(
            `demo: ${event.people} people → ${c.total} touchpoints (pos ${c.pos}, call center ${c.call_center}, email ${c.email}, web ${c.web})`,
            false,
          );
          return;
        }
        case 'sending': {
          const share = event.totalAll === 0 ? 1 : event.sentAll / event.totalAll;
          const text = `sending ${bar(share)} ${Math.floor(share * 100)}%  ${event.sentAll}/${event.totalAll}`;
          const decile = Math.floor(share * 10);
          if (tty) line(text, true);
          else if (decile !== lastDecile) line(text, false);
          lastDecile = decile;
          return;
        }
        case 'sent': {
          const s = event.sent;
          line(`sent: pos ${s.pos}, call center ${s.call_center}, email ${s.email}, web ${s.web}`, false);
          return;
        }
        case 'waiting': {
          const { seen } = event;
          const text = `building profiles: ${seen.profiles}/${seen.people} people seen, ${seen.touchpoints}/${seen.expectedTouchpoints} touchpoints in their profiles`;
          if (tty) line(text, true);
          else if (text !== lastWaiting) line(text, false);
          lastWaiting = text;
          return;
        }
        default: {
          const unknown: never = event;
          throw new Error(`unknown progress event ${JSON.stringify(unknown)}`);
        }
      }
    },
    done() {
      if (redrawing) stream.write('\n');
      redrawing = false;
    },
  };
}

const bar = (share: number, width = 24): string => {
  const full = Math.round(Math.min(1, Math.max(0, share)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
};

import type { ValidationIssue } from '@c360/errors';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';

export interface Mailbox {
  /** Lower-cased, trimmed. */
  address: string;
  /** Display name with RFC 2047 encoded-words decoded; null when the header gave none. */
  name: string | null;
}

export interface AttachmentSummary {
  filename: string | null;
  contentType: string;
  size: number;
}

/** What the touchpoint needs of an inbound message; attachment contents are not kept. */
export interface InboundMessage {
  messageId: string | null;
  inReplyTo: string | null;
  from: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  subject: string | null;
  /** The Date header as written (mailparser turns an unparseable one into "now", so we read it ourselves). */
  dateHeader: string | null;
  /** The plain text body; for an HTML-only message, mailparser's text rendering of the HTML. */
  text: string | null;
  attachments: AttachmentSummary[];
}

export type MessageParse =
  | { ok: true; message: InboundMessage }
  | { ok: false; reason: 'not_mime' | 'missing_from' | 'invalid_from'; issues: ValidationIssue[] };

/** Header fields of RFC 5322 / RFC 2045; a message with none of them is not taken for an e-mail. */
const MESSAGE_FIELDS = new Set([
  'from',
  'sender',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'received',
  'return-path',
  'mime-version',
  'content-type',
  'reply-to',
  'in-reply-to',
  'references',
]);
const EMAIL = /^[^@\s]+@[^@\s]+$/;

const mailboxes = (header: AddressObject | AddressObject[] | undefined): EmailAddress[] =>
  (Array.isArray(header) ? header : header ? [header] : [])
    .flatMap((h) => h.value)
    .flatMap((a) => (a.group ? a.group : [a]));

const toMailbox = (a: EmailAddress): Mailbox => ({
  address: (a.address ?? '').trim().toLowerCase(),
  name: a.name.trim() || null,
});
const nonEmpty = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

/**
 * Parses a raw RFC 5322 / MIME message with mailparser. mailparser accepts any bytes
 * (garbage becomes header lines), so "is this an e-mail" is decided here: at least one
 * standard header field, and a From with one usable address.
 */
export async function parseInboundMessage(raw: Buffer): Promise<MessageParse> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipTextToHtml: true, keepCidLinks: true });
  } catch (error) {
    return {
      ok: false,
      reason: 'not_mime',
      issues: [{ path: '(message)', message: `cannot be parsed: ${(error as Error).message}` }],
    };
  }
  if (![...mail.headers.keys()].some((key) => MESSAGE_FIELDS.has(key))) {
    return { ok: false, reason: 'not_mime', issues: [{ path: '(message)', message: 'has no RFC 5322 header fields' }] };
  }
  if (!mail.headers.has('from')) {
    return { ok: false, reason: 'missing_from', issues: [{ path: 'From', message: 'header is required' }] };
  }
  const from = mailboxes(mail.from).map(toMailbox)[0];
  if (!from || !EMAIL.test(from.address)) {
    const line = mail.headerLines.find((h) => h.key === 'from')?.line ?? 'From:';
    return { ok: false, reason: 'invalid_from', issues: [{ path: 'From', message: `has no usable address: ${line}` }] };
  }
  const dateLine = mail.headerLines.find((h) => h.key === 'date')?.line;
  return {
    ok: true,
    message: {
      messageId: nonEmpty(mail.messageId),
      inReplyTo: nonEmpty(mail.inReplyTo),
      from,
      to: mailboxes(mail.to)
        .map(toMailbox)
        .filter((m) => m.address !== ''),
      cc: mailboxes(mail.cc)
        .map(toMailbox)
        .filter((m) => m.address !== ''),
      subject: nonEmpty(mail.subject),
      dateHeader: dateLine ? nonEmpty(dateLine.replace(/^date:/i, '').replace(/\r?\n[ \t]/g, ' ')) : null,
      text: mail.text && mail.text.trim() !== '' ? mail.text : null,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
      })),
    },
  };
}

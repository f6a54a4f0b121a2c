import type { IdentifierType } from '@c360/touchpoint';
import type { BlockList } from './policy';

/*
 * Merge protection (as in Segment's identity resolution): a value that many people
 * share — a placeholder typed into a form, a test account, an SDK's "no id" marker —
 * would glue every one of them into one customer. Such values are recorded as
 * blocked and never used to match or merge. All checks see the NORMALISED value
 * (lower-cased e-mail, E.164 phone, loyalty id without spaces or dashes).
 */

/** The nil UUID, with or without dashes. */
const NIL_UUID = /^0{8}-?0{4}-?0{4}-?0{4}-?0{12}$/;

/** What SDKs and ETL jobs write when a variable was empty: String(null), String(undefined). */
const STRINGIFIED_NOTHING = /^(?:null|undefined)$/i;

export const DEFAULT_BLOCKED: Record<IdentifierType, BlockList> = {
  email: {
    // Addresses people type to get past a mandatory field, and shop-floor test accounts.
    values: ['test@test.com', 'a@a.com', 'email@email.com', 'abc@abc.com', 'asdf@asdf.com'],
    patterns: [
      // Placeholder local parts (noreply@shop.com on a receipt, none@none.com at a till);
      // example.com and example.org are reserved (RFC 2606) and used by our own tests.
      /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|test|null|none|unknown|anonymous|noemail|invalid)@(?!example\.(?:com|org)$)/,
    ],
  },
  phone: {
    values: [],
    patterns: [
      // A country code followed by one digit repeated (+44 7777 777777, +1 555 555 5555):
      // what agents and forms enter when the customer gives no number. The pattern cannot
      // know the country code's length, so a real vanity number of that shape is blocked
      // too — it then only loses phone matching, which is the safe side.
      /^\+\d{1,3}(\d)\1{6,}$/,
      // The keyboard runs 123456789… and 987654321… with or without a country code
      // (+1 234 567 8901, +44 1234 567890): the classic invented number.
      /^\+\d{0,3}(?:123456789|987654321)/,
    ],
  },
  user_id: {
    values: [],
    patterns: [
      // Sign-in systems and SDKs that send a marker instead of "no user": every anonymous
      // visitor would otherwise become one customer.
      /^(?:null|undefined|none|nil|0|-1|anonymous|guest|unknown|test)$/i,
    ],
  },
  customer_number: {
    values: [],
    // 0000000 or 1111-111: a till's default when the customer has no account.
    patterns: [/^(\d)(?:[\s-]*\1)*$/],
  },
  loyalty_id: {
    values: [],
    // Only zeros or one repeated digit: the card number keyed when the customer has no card.
    patterns: [/^(\d)\1*$/],
  },
  device_id: {
    values: [],
    // The nil UUID is the IDFA/AAID after the user limited ad tracking — shared by millions.
    patterns: [NIL_UUID, /^unknown$/i, STRINGIFIED_NOTHING],
  },
  anonymous_id: {
    values: [],
    // A nil UUID comes from a broken or stubbed analytics client, never from a real visitor.
    patterns: [NIL_UUID, STRINGIFIED_NOTHING],
  },
  hashed_email: {
    // SHA-256 of the empty string: what a hashing step emits when the e-mail was missing.
    values: ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    patterns: [],
  },
  payment_token: { values: [], patterns: [] },
  other: { values: [], patterns: [] },
};

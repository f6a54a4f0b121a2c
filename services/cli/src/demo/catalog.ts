/**
 * The demo's small world: names, grocery chains and their stores, a product catalogue,
 * hotline agents and e-mail campaigns. Word lists instead of a faker library, so the
 * population is reproducible from the seed alone.
 */

export const FIRST_NAMES = [
  'Maria',
  'James',
  'Lena',
  'Wei',
  'Aisha',
  'Carlos',
  'Emma',
  'Noah',
  'Sofia',
  'Liam',
  'Yuki',
  'Omar',
  'Hannah',
  'Lucas',
  'Priya',
  'Mateo',
  'Chloe',
  'Ethan',
  'Fatima',
  'Daniel',
  'Grace',
  'Ivan',
  'Zoe',
  'Samuel',
  'Amara',
  'Jonas',
  'Mia',
  'Diego',
  'Nora',
  'Kenji',
  'Olivia',
  'Ravi',
  'Elena',
  'Tom',
  'Leila',
  'Ben',
] as const;

export const LAST_NAMES = [
  'Gonzalez',
  'Carter',
  'Fischer',
  'Chen',
  'Khan',
  'Silva',
  'Novak',
  'Okafor',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Haddad',
  'Murphy',
  'Nguyen',
  'Patel',
  'Garcia',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Ivanova',
  'Brown',
  'Kim',
  'Johansson',
  'Mensah',
  'Costa',
  'Weber',
  'Ali',
  'Dubois',
  'Park',
  'Reyes',
] as const;

/** RFC 2606 reserved domains: demo addresses can never reach a real mailbox. */
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'] as const;

/**
 * US area codes for the fictional 555-0100…555-0199 numbers (the range reserved for
 * fiction, which libphonenumber still accepts as valid): 100 numbers per area code.
 */
export const AREA_CODES = [
  201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231, 234,
  239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304, 305, 307, 308, 309,
  310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 330, 334, 336, 337, 339, 347, 351, 352, 360, 361, 385,
  386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419, 423, 424, 425, 430, 432, 434, 435,
  440, 443, 469, 470, 475, 478, 479, 480,
] as const;

export interface Chain {
  /** Prefix of the chain's loyalty card numbers. */
  cardPrefix: string;
  name: string;
  /** Four-digit store numbers of the chain. */
  stores: readonly string[];
}

/** Three competing grocers, as in the 1997 survey of loyalty-card holders. */
export const CHAINS: readonly Chain[] = [
  { cardPrefix: 'FM', name: 'FreshMart', stores: ['0412', '0415', '0433', '0451'] },
  { cardPrefix: 'GL', name: 'GreenLeaf Grocers', stores: ['1102', '1108', '1120'] },
  { cardPrefix: 'VB', name: 'ValueBasket', stores: ['2201', '2207', '2219', '2230'] },
];

export interface Product {
  sku: string;
  name: string;
  category: string;
  /** Unit price in cents (USD). */
  cents: number;
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'MILK-WH-1GAL', name: 'Whole Milk 1 gal', category: 'dairy', cents: 379 },
  { sku: 'MILK-SK-HGAL', name: 'Skim Milk 1/2 gal', category: 'dairy', cents: 249 },
  { sku: 'EGG-L-12', name: 'Large Eggs, dozen', category: 'dairy', cents: 419 },
  { sku: 'YOG-GRK-32', name: 'Greek Yogurt 32 oz', category: 'dairy', cents: 599 },
  { sku: 'CHS-CHD-8', name: 'Cheddar 8 oz', category: 'dairy', cents: 449 },
  { sku: 'BTR-UNS-1LB', name: 'Unsalted Butter 1 lb', category: 'dairy', cents: 529 },
  { sku: 'BAN-BUNCH', name: 'Bananas, bunch', category: 'produce', cents: 129 },
  { sku: 'APL-GALA-3LB', name: 'Gala Apples 3 lb', category: 'produce', cents: 499 },
  { sku: 'TOM-VINE-1LB', name: 'Vine Tomatoes 1 lb', category: 'produce', cents: 299 },
  { sku: 'LET-ROM-3', name: 'Romaine Hearts, 3 pack', category: 'produce', cents: 349 },
  { sku: 'AVO-HASS', name: 'Hass Avocado', category: 'produce', cents: 149 },
  { sku: 'POT-RUS-5LB', name: 'Russet Potatoes 5 lb', category: 'produce', cents: 449 },
  { sku: 'ONI-YEL-3LB', name: 'Yellow Onions 3 lb', category: 'produce', cents: 329 },
  { sku: 'BRD-WW-LOAF', name: 'Whole Wheat Bread', category: 'bakery', cents: 349 },
  { sku: 'BRD-SOUR', name: 'Sourdough Loaf', category: 'bakery', cents: 499 },
  { sku: 'CRS-BUT-4', name: 'Butter Croissants, 4 pack', category: 'bakery', cents: 549 },
  { sku: 'CHK-BRST-2LB', name: 'Chicken Breast 2 lb', category: 'meat', cents: 899 },
  { sku: 'BEEF-GRD-1LB', name: 'Ground Beef 1 lb', category: 'meat', cents: 649 },
  { sku: 'SAL-ATL-1LB', name: 'Atlantic Salmon 1 lb', category: 'seafood', cents: 1199 },
  { sku: 'PAS-SPA-1LB', name: 'Spaghetti 1 lb', category: 'pantry', cents: 179 },
  { sku: 'SAU-MAR-24', name: 'Marinara Sauce 24 oz', category: 'pantry', cents: 399 },
  { sku: 'OIL-OLV-1L', name: 'Olive Oil 1 l', category: 'pantry', cents: 1099 },
  { sku: 'BNS-BLK-15', name: 'Black Beans 15 oz', category: 'pantry', cents: 119 },
  { sku: 'CER-OAT-18', name: 'Rolled Oats 18 oz', category: 'pantry', cents: 429 },
  { sku: 'SNK-CHP-10', name: 'Tortilla Chips 10 oz', category: 'snacks', cents: 379 },
  { sku: 'SNK-CHOC-4', name: 'Dark Chocolate 4 oz', category: 'snacks', cents: 299 },
  { sku: 'BEV-OJ-52', name: 'Orange Juice 52 oz', category: 'beverages', cents: 449 },
  { sku: 'BEV-SPK-12', name: 'Sparkling Water, 12 pack', category: 'beverages', cents: 599 },
  { sku: 'FRZ-PIZ-MARG', name: 'Frozen Pizza Margherita', category: 'frozen', cents: 699 },
  { sku: 'FRZ-PEAS-16', name: 'Frozen Peas 16 oz', category: 'frozen', cents: 229 },
  { sku: 'HH-DET-100', name: 'Laundry Detergent 100 oz', category: 'household', cents: 1299 },
  { sku: 'HH-TP-12', name: 'Toilet Paper, 12 rolls', category: 'household', cents: 1049 },
  { sku: 'BABY-DIA-M', name: 'Diapers size 3, 84 ct', category: 'baby', cents: 2599 },
  { sku: 'PET-DOG-15', name: 'Dry Dog Food 15 lb', category: 'pet', cents: 2299 },
];

export interface Staple {
  sku: string;
  name: string;
  category: string;
  cents: number;
  /** Kilograms (or units) in one pack. */
  packSize: number;
  /** Consumption per household member per day, in the same unit. */
  perPersonPerDay: number;
}

/**
 * Staples bought on a household cycle. The rice merchant's case: a 10 kg sack eaten at
 * 0.15 kg per person a day lasts a 4-person household about 17 days (10 / (4 × 0.15)).
 */
export const STAPLES: readonly Staple[] = [
  {
    sku: 'RICE-JAS-10KG',
    name: 'Jasmine Rice 10 kg sack',
    category: 'staples',
    cents: 1849,
    packSize: 10,
    perPersonPerDay: 0.15,
  },
  {
    sku: 'COF-BEAN-1KG',
    name: 'Coffee Beans 1 kg',
    category: 'staples',
    cents: 1699,
    packSize: 1,
    perPersonPerDay: 0.025,
  },
];

export const AGENTS = [
  { username: 'anna.mueller', name: 'Anna Müller' },
  { username: 'james.carter', name: 'James Carter' },
  { username: 'li.wang', name: 'Li Wang' },
  { username: 'rosa.diaz', name: 'Rosa Díaz' },
  { username: 'sam.okoro', name: 'Sam Okoro' },
] as const;

export const HOTLINE_NUMBER = '+18005550100';

export interface CallScript {
  queue: string;
  disposition: string;
  notes: string;
}

/** Call center classes: purchase, information, consultation, complaint (the cases' four). */
export const CALL_SCRIPTS: Record<'purchase' | 'information' | 'consultation' | 'complaint', readonly CallScript[]> = {
  purchase: [
    { queue: 'Orders', disposition: 'order placed', notes: 'Ordered two 10 kg rice sacks for home delivery.' },
    { queue: 'Orders', disposition: 'order placed', notes: 'Catering platter for Saturday, pick-up at the store.' },
  ],
  information: [
    { queue: 'General', disposition: 'answered', notes: 'Asked for opening hours over the holidays.' },
    { queue: 'General', disposition: 'answered', notes: 'Asked how loyalty points are redeemed.' },
    { queue: 'General', disposition: 'answered', notes: 'Asked whether the store stocks gluten-free bread.' },
  ],
  consultation: [
    { queue: 'Advice', disposition: 'advised', notes: 'Discussed a meal plan for a family of four on a budget.' },
    { queue: 'Advice', disposition: 'advised', notes: 'Explained the bulk-buy discount on staples.' },
  ],
  complaint: [
    { queue: 'Service', disposition: 'refund promised', notes: 'Rice sack torn on delivery; refund promised.' },
    { queue: 'Service', disposition: 'escalated', notes: 'Charged twice at the till; escalated to the store.' },
    { queue: 'Service', disposition: 'technician requested', notes: 'Freezer section too warm; product spoiled.' },
    { queue: 'Service', disposition: 'escalated', notes: 'Loyalty points missing after last visit.' },
  ],
};

/** Dispositions that close a complaint (the traits' resolution rule matches resolved/closed/fixed/solved). */
export const RESOLUTIONS = [
  'resolved - refund issued',
  'resolved - points credited',
  'closed - replacement delivered',
  'fixed - store manager called back',
] as const;

export interface Campaign {
  id: number;
  name: string;
  category: string;
  /** Days before `now` it was sent. */
  daysAgo: number;
  url: string;
}

/** A monthly newsletter and a few promotions over the year. */
export const CAMPAIGNS: readonly Campaign[] = [
  ...Array.from({ length: 12 }, (_, i) => ({
    id: 5100 + i,
    name: `Monthly newsletter #${12 - i}`,
    category: 'newsletter',
    daysAgo: 10 + i * 30,
    url: 'https://shop.example.com/newsletter',
  })),
  {
    id: 5200,
    name: 'Spring staples: 2 $ off rice',
    category: 'promotion',
    daysAgo: 250,
    url: 'https://shop.example.com/offers/rice',
  },
  {
    id: 5201,
    name: 'Summer barbecue deals',
    category: 'promotion',
    daysAgo: 160,
    url: 'https://shop.example.com/offers/bbq',
  },
  {
    id: 5202,
    name: 'Holiday baking week',
    category: 'promotion',
    daysAgo: 45,
    url: 'https://shop.example.com/offers/baking',
  },
];

export const WEB_PAGES = [
  { path: '/', title: 'Home' },
  { path: '/offers', title: 'Weekly offers' },
  { path: '/recipes/rice-bowls', title: 'Rice bowls for busy weeknights' },
  { path: '/stores', title: 'Find a store' },
  { path: '/loyalty', title: 'Loyalty card: how points work' },
  { path: '/category/pantry', title: 'Pantry' },
  { path: '/category/dairy', title: 'Dairy' },
] as const;

export const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
] as const;

export const WEB_ORIGIN = 'https://shop.example.com';

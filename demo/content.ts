// The demo newsroom a first start shows: the reference article (its text as published, with a drawn
// stand-in for the photograph) and a handful of invented local stories, people and places around it.
import type { Block, BodyDocument, Inline } from '../src/articles/render/document.js';
import type { UsageRights } from '../src/media/media.js';
import type { WorkType } from '../src/storage/schema.js';

/** Long prose wrapped for the source file; joined with single spaces back into one paragraph. */
function prose(...parts: string[]): string {
  return parts.join(' ');
}

/** A paragraph whose first occurrence of each phrase links to its address. */
function paragraph(text: string, links: Record<string, string> = {}): Block {
  let content: Inline[] = [{ type: 'text', text }];
  for (const [phrase, href] of Object.entries(links)) {
    const next: Inline[] = [];
    let linked = false;
    for (const node of content) {
      const at = node.type === 'text' && !node.marks && !linked ? node.text.indexOf(phrase) : -1;
      if (node.type !== 'text' || at < 0) {
        next.push(node);
        continue;
      }
      linked = true;
      const before = node.text.slice(0, at);
      const after = node.text.slice(at + phrase.length);
      if (before) next.push({ type: 'text', text: before });
      next.push({ type: 'text', text: phrase, marks: [{ type: 'link', attrs: { href } }] });
      if (after) next.push({ type: 'text', text: after });
    }
    if (!linked) throw new Error(`Demo content: "${phrase}" is not in the paragraph it should link from`);
    content = next;
  }
  return { type: 'paragraph', content };
}

function heading(text: string, level: 2 | 3 = 2): Block {
  return { type: 'heading', attrs: { level }, content: [{ type: 'text', text }] };
}

function list(kind: 'bulletList' | 'orderedList', items: string[]): Block {
  return {
    type: kind,
    content: items.map((text) => ({
      type: 'listItem',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    })),
  };
}

export interface DemoImage {
  /** The drawing in hero.ts that makes this image. */
  drawing: string;
  altText: string;
  caption: string;
  creditPerson: string;
  creditOrganization: string;
  rights: UsageRights;
  copyrightNotice?: string;
  /** A licensed image's term, counted from the day the demo is seeded (the library requires an end date). */
  licensedForDays?: number;
}

export interface DemoSection {
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface DemoTag {
  slug: string;
  name: string;
}

export interface DemoAuthor {
  slug: string;
  name: string;
  jobTitle: string;
  bio: string;
  expertise: string;
  photo: string;
}

export interface DemoArticle {
  slug: string;
  headline: string;
  seoHeadline?: string;
  socialHeadline?: string;
  dek: string;
  section: string;
  workType: WorkType;
  dateline: string | null;
  authors: string[];
  tags: string[];
  hero: string;
  publishedHoursAgo: number;
  /** When set, the story was materially changed this many hours ago and shows "Updated". */
  updatedHoursAgo?: number;
  /** The body, given a way to turn a demo image's name into its media id once it is in the library. */
  body(mediaId: (image: string) => number): BodyDocument;
}

const OWN = {
  creditPerson: 'Demo illustration',
  creditOrganization: 'The Riverside Ledger',
  rights: 'own',
} as const;

export const demoImages: Record<string, DemoImage> = {
  'ledger-logo': {
    drawing: 'ledger-logo',
    altText: 'The Riverside Ledger',
    caption: 'The Riverside Ledger’s wordmark.',
    ...OWN,
  },
  'kharkiv-hero': {
    drawing: 'kharkiv-hero',
    altText:
      'Illustration: a tracked military vehicle on a snowy road (demo stand-in for the original photograph)',
    caption: 'Ukrainian soldiers next to a military tracked vehicle in Kharkiv, Ukraine.',
    creditPerson: 'Tyler Hicks',
    creditOrganization: 'The New York Times',
    rights: 'licensed',
    licensedForDays: 365,
    copyrightNotice: prose(
      'Stand-in illustration drawn for the Broadsheet demo; it is not the original photograph by Tyler Hicks',
      'for The New York Times, which the demo does not reproduce.',
    ),
  },
  'city-hall': {
    drawing: 'city-hall',
    altText: 'Illustration: a domed city hall with white columns under a warm evening sky',
    caption: 'Riverside City Hall, where the council adopted next year’s budget on Tuesday night.',
    ...OWN,
  },
  'lunch-tray': {
    drawing: 'lunch-tray',
    altText: 'Illustration: a school lunch tray with a bowl of soup, an apple and a carton of milk',
    caption: 'Every elementary pupil in the district will be offered a free lunch from January.',
    ...OWN,
  },
  'river-bank': {
    drawing: 'river-bank',
    altText: 'Illustration: full rubbish bags piled on a grassy bank beside a flowing river',
    caption: 'Bags of rubbish collected along the Alder River wait for pickup on Saturday afternoon.',
    ...OWN,
  },
  'river-kayaks': {
    drawing: 'river-kayaks',
    altText: 'Illustration: two kayaks, one red and one yellow, on a calm river at sunrise',
    caption: 'Volunteers in kayaks reached stretches of bank that cannot be walked.',
    ...OWN,
  },
  'ballot-box': {
    drawing: 'ballot-box',
    altText: 'Illustration: a ballot going into a box beside a bar chart whose bars fall from left to right',
    caption: 'Turnout in Riverside’s off-year council elections has fallen in each of the last four.',
    ...OWN,
  },
  'meeting-screen': {
    drawing: 'meeting-screen',
    altText: 'Illustration: an empty lectern facing a large screen showing a grid of video-call participants',
    caption: 'Only the full county board’s meetings are streamed today; its committees are not.',
    ...OWN,
  },
  stormwater: {
    drawing: 'stormwater',
    altText: 'Illustration: rain falling from grey clouds towards a street drain',
    caption: 'The new fee pays for the pipes and basins that carry rain off the city’s streets.',
    ...OWN,
  },
  'night-bus': {
    drawing: 'night-bus',
    altText: 'Illustration: a red city bus on an empty street at night between two street lights',
    caption: 'Late buses will run until 12:30 a.m. on three routes from next month.',
    ...OWN,
  },
  'portrait-amber': {
    drawing: 'portrait-amber',
    altText: 'Abstract portrait illustration',
    caption: '',
    ...OWN,
  },
  'portrait-teal': {
    drawing: 'portrait-teal',
    altText: 'Abstract portrait illustration',
    caption: '',
    ...OWN,
  },
  'portrait-violet': {
    drawing: 'portrait-violet',
    altText: 'Abstract portrait illustration',
    caption: '',
    ...OWN,
  },
  'portrait-slate': {
    drawing: 'portrait-slate',
    altText: 'Abstract portrait illustration',
    caption: '',
    ...OWN,
  },
};

export const demoSections: DemoSection[] = [
  {
    slug: 'local',
    name: 'Local',
    description: 'Riverside’s neighbourhoods, schools and services.',
    position: 1,
  },
  {
    slug: 'politics',
    name: 'Politics',
    description: 'City hall, the county board and the ballot.',
    position: 2,
  },
  {
    slug: 'environment',
    name: 'Environment',
    description: 'The Alder River, the weather and the land.',
    position: 3,
  },
  { slug: 'world', name: 'World', description: 'The stories beyond the valley that reach it.', position: 4 },
];

export const demoTags: DemoTag[] = [
  { slug: 'ukraine', name: 'Ukraine' },
  { slug: 'russia', name: 'Russia' },
  { slug: 'war', name: 'War' },
  { slug: 'city-council', name: 'City Council' },
  { slug: 'budget', name: 'Budget' },
  { slug: 'schools', name: 'Schools' },
  { slug: 'alder-river', name: 'Alder River' },
  { slug: 'volunteers', name: 'Volunteers' },
  { slug: 'elections', name: 'Elections' },
  { slug: 'open-government', name: 'Open Government' },
  { slug: 'transit', name: 'Transit' },
  { slug: 'water', name: 'Water' },
];

export const demoAuthors: DemoAuthor[] = [
  {
    slug: 'corinne-vale',
    name: 'Corinne Vale',
    jobTitle: 'Staff Writer, World',
    bio: prose(
      'Corinne Vale covers international news and how it reaches the valley, from grain prices to the',
      'families who settle here. She joined the Ledger after a decade on a regional wire desk.',
    ),
    expertise: 'International affairs, conflict reporting, migration',
    photo: 'portrait-amber',
  },
  {
    slug: 'marcus-oduya',
    name: 'Marcus Oduya',
    jobTitle: 'City Hall Reporter',
    bio: prose(
      'Marcus Oduya has covered Riverside’s city council and county board since 2020. He reads the budget so',
      'you do not have to, and publishes the documents behind every story.',
    ),
    expertise: 'Local government, public budgets, elections',
    photo: 'portrait-teal',
  },
  {
    slug: 'priya-halvorsen',
    name: 'Priya Halvorsen',
    jobTitle: 'Environment Reporter',
    bio: prose(
      'Priya Halvorsen writes about the Alder River, stormwater and the valley’s weather. She previously',
      'worked as a field technician for a watershed district.',
    ),
    expertise: 'Water quality, climate adaptation, conservation',
    photo: 'portrait-violet',
  },
  {
    slug: 'elliot-brandvold',
    name: 'Elliot Brandvold',
    jobTitle: 'Opinion Editor',
    bio: prose(
      'Elliot Brandvold edits the Ledger’s opinion pages and writes a column on how the city is run. Opinion',
      'pieces are kept separate from the newsroom’s reporting.',
    ),
    expertise: 'Civic affairs, public records, education',
    photo: 'portrait-slate',
  },
];

/** The reference article's body, paragraph by paragraph, exactly as it was published. */
export const KHARKIV_PARAGRAPHS: readonly string[] = [
  prose(
    'According to the UK Ministry of Defense, the Russian Federation has been withdrawing troops from the',
    'Kharkiv region of Ukraine, or Kharkiv Oblast as it is known locally. Kharkiv is the second-largest city',
    'in Ukraine with a pre-war population of 1.5 million.',
  ),
  // The original has a no-break space and a space before the quotation; kept, as published.
  prose(
    'The ministry states that\u00a0 “Ukrainian forces are continuing to counterattack to the north of',
    'Kharkiv, recapturing several towns and villages towards the Russian border.”',
  ),
  prose(
    '“Despite Russia’s success in encircling Kharkiv in the initial stages of the conflict, it has',
    'reportedly withdrawn units from the region to reorganize and replenish its forces following heavy',
    'losses,” the UK Ministry of Defense said.',
  ),
  prose(
    '“The withdrawal of Russian forces from the Kharkiv Oblast is a tacit recognition of Russia’s inability',
    'to capture key Ukrainian cities where they expected limited resistance from the population,” the',
    'ministry continued.',
  ),
  prose(
    'The ministry says that the withdrawn troops “will likely deploy to the eastern bank of the Siverskyi',
    'Donets River, forming a blocking force to protect the western flank of Russia’s main force',
    'concentration and main supply routes for operations in the vicinity of Izyum.”',
  ),
  prose(
    'The report comes days after Ukrainian President Volodymyr Zelenskyy alleged that the Russian military',
    'is manipulating its casualty reports to hide the actual number of fallen soldiers.',
  ),
  prose(
    'According to Newsweek, the Ukrainian Security Service posted on their official Facebook page that',
    '“Russia is recording killed soldiers on the list of [the missing], their bodies are made up on',
    'improvised dumps, where ‘two hundred’ are so many that the mountains of corpses reach two meters high.”',
  ),
  prose(
    'NATO estimates that the number of Russian troops killed is between 7,000 and 15,000, with up to 40,000',
    'total either dead, captured, or injured.',
  ),
  prose(
    'President Zelenskyy, however, has stated that he believes the number to be closer to 23,000 dead, based',
    'on internal figures and Russia’s alleged manipulation of the casualty reports.',
  ),
  'The Russian military action in Ukraine began on February 24.',
];

const KHARKIV_LINKS: Record<number, Record<string, string>> = {
  0: { 'UK Ministry of Defense': 'https://www.gov.uk/government/organisations/ministry-of-defence' },
  6: { Newsweek: 'https://www.newsweek.com/' },
};

export const KHARKIV_SLUG = 'russia-withdrawing-from-kharkiv-after-heavy-losses';

export const demoArticles: DemoArticle[] = [
  {
    slug: KHARKIV_SLUG,
    headline: 'Russia Withdrawing From Kharkiv After Heavy Losses',
    dek: '',
    section: 'world',
    workType: 'news',
    dateline: 'KHARKIV, Ukraine',
    authors: ['corinne-vale'],
    tags: ['ukraine', 'russia', 'war'],
    hero: 'kharkiv-hero',
    publishedHoursAgo: 3,
    body: () => ({
      type: 'doc',
      content: KHARKIV_PARAGRAPHS.map((text, i) => paragraph(text, KHARKIV_LINKS[i])),
    }),
  },
  {
    slug: 'council-adopts-budget-with-longer-library-hours',
    headline: 'Council Adopts $48.2 Million Budget, Restoring Sunday Library Hours',
    dek: 'The spending plan holds the property tax rate flat and draws $1.1 million from reserves.',
    section: 'politics',
    workType: 'news',
    dateline: 'RIVERSIDE',
    authors: ['marcus-oduya'],
    tags: ['city-council', 'budget'],
    hero: 'city-hall',
    publishedHoursAgo: 20,
    updatedHoursAgo: 6,
    body: () => ({
      type: 'doc',
      content: [
        paragraph(
          prose(
            'The Riverside City Council voted 6-1 on Tuesday night to adopt a $48.2 million general fund',
            'budget for next year, restoring Sunday hours at both library branches and adding two',
            'firefighter positions without raising the property tax rate.',
          ),
        ),
        paragraph(
          prose(
            'To close a gap of about $1.1 million, the plan draws on the city’s reserve fund, which finance',
            'director Alma Reyes said would still hold more than three months of operating costs.',
          ),
        ),
        paragraph(
          prose(
            '“We are using savings for one year, not making a habit of it,” Reyes told the council. She said',
            'the city expects sales tax receipts to recover as the new grocery store on Mill Street opens.',
          ),
        ),
        paragraph(
          prose(
            'Council member Dana Whitlock, the lone no vote, said the reserve draw hid a structural',
            'shortfall that would return next year. “The honest conversation is about revenue, and we',
            'postponed it,” she said.',
          ),
        ),
        paragraph(
          prose(
            'Update: After this story was published, the city released the final budget document, which',
            'shows the reserve draw at $1.08 million. This article has been updated with that figure.',
          ),
        ),
      ],
    }),
  },
  {
    slug: 'free-school-lunch-expands-to-every-elementary-school',
    headline: 'Free School Lunch Expands to Every Elementary School in January',
    dek: 'A federal provision lets the district drop applications at six more schools.',
    section: 'local',
    workType: 'news',
    dateline: 'RIVERSIDE',
    authors: ['marcus-oduya'],
    tags: ['schools'],
    hero: 'lunch-tray',
    publishedHoursAgo: 30,
    body: () => ({
      type: 'doc',
      content: [
        paragraph(
          prose(
            'Every pupil at Riverside’s nine elementary schools will be offered a free lunch from January,',
            'the school board decided Monday, extending a programme that until now covered three schools.',
          ),
        ),
        paragraph(
          prose(
            'The district qualifies under the federal Community Eligibility Provision, which reimburses',
            'meals when enough families already take part in other assistance programmes. Families will no',
            'longer need to fill in an application.',
          ),
        ),
        paragraph(
          prose(
            'Nutrition services director Tom Ekberg said the change costs the district about $140,000 a year',
            'beyond the federal reimbursement, mostly for staff time, and saves families up to $600 a year',
            'per child.',
          ),
        ),
        paragraph(
          prose(
            '“Cafeteria lines move faster when nobody has to show whether they pay,” Ekberg said. Breakfast',
            'remains free at all schools, as it has been since 2021.',
          ),
        ),
      ],
    }),
  },
  {
    slug: 'volunteers-pull-three-tons-of-trash-from-alder-river',
    headline: 'Volunteers Pull Three Tons of Trash From the Alder River',
    dek: 'Tyres, shopping carts and a surprising number of plastic chairs came out in a single day.',
    section: 'environment',
    workType: 'news',
    dateline: 'RIVERSIDE',
    authors: ['priya-halvorsen'],
    tags: ['alder-river', 'volunteers', 'water'],
    hero: 'river-bank',
    publishedHoursAgo: 52,
    body: (mediaId) => ({
      type: 'doc',
      content: [
        paragraph(
          prose(
            'More than 240 volunteers spent Saturday hauling rubbish out of the Alder River and its banks,',
            'collecting an estimated three tons in the 14th annual clean-up organised by Friends of the',
            'Alder.',
          ),
        ),
        paragraph(
          prose(
            'Teams worked eight miles of shoreline from the Cedar Street bridge to the county line, some on',
            'foot and some in kayaks lent by the parks department.',
          ),
        ),
        { type: 'image', attrs: { mediaId: mediaId('river-kayaks') } },
        heading('What came out of the water'),
        paragraph(
          prose(
            'Organisers counted 61 tyres, four shopping carts, a refrigerator door and, for the second year',
            'running, more plastic lawn chairs than anyone could explain. Most of the weight was small',
            'plastic.',
          ),
        ),
        {
          type: 'pullQuote',
          attrs: {
            text: 'The river tells you what the city throws away, one bag at a time.',
            attribution: 'Lena Marsh, Friends of the Alder',
          },
        },
        paragraph(
          prose(
            'Water sampling by the watershed district has shown lower bacteria counts downstream of the',
            'restored wetland at Harlan Park, Marsh said, and the group hopes to add a second clean-up in',
            'autumn.',
          ),
        ),
      ],
    }),
  },
  {
    slug: 'late-night-buses-on-three-routes',
    headline: 'Late-Night Buses Coming to Three Routes Next Month',
    dek: 'Service on routes 2, 5 and 11 will run until 12:30 a.m. on weeknights.',
    section: 'local',
    workType: 'news',
    dateline: 'RIVERSIDE',
    authors: ['marcus-oduya'],
    tags: ['transit'],
    hero: 'night-bus',
    publishedHoursAgo: 75,
    body: () => ({
      type: 'doc',
      content: [
        paragraph(
          prose(
            'Riverside Transit will extend weeknight service on three of its busiest routes until 12:30 a.m.',
            'from the first of next month, the agency announced Thursday.',
          ),
        ),
        paragraph(
          prose(
            'The change follows a rider survey in which late-shift workers at the hospital and the',
            'distribution centre on the east side said the last bus, at 10:15 p.m., left them without a way',
            'home.',
          ),
        ),
        paragraph(
          prose(
            'The extra trips cost about $310,000 a year, paid for by a state transit grant for the first two',
            'years. The agency will count riders on the new trips before deciding whether to keep them.',
          ),
        ),
      ],
    }),
  },
  {
    slug: 'why-turnout-in-council-races-keeps-falling',
    headline: 'Why Turnout in Riverside’s Council Races Keeps Falling',
    dek: 'Off-year elections, uncontested seats and a shrinking local press all play a part.',
    section: 'politics',
    workType: 'analysis',
    dateline: null,
    authors: ['marcus-oduya'],
    tags: ['elections', 'city-council'],
    hero: 'ballot-box',
    publishedHoursAgo: 110,
    body: () => ({
      type: 'doc',
      content: [
        paragraph(
          prose(
            'Fewer than one in five registered voters cast a ballot in Riverside’s last city council',
            'election, down from nearly one in three a decade ago. The decline has several causes, and they',
            'compound.',
          ),
        ),
        paragraph(
          prose(
            'The first is timing. Council elections fall in odd-numbered years, when nothing else is on the',
            'ballot. Cities that moved local races to even years have typically seen turnout roughly double.',
          ),
        ),
        paragraph(
          prose(
            'The second is competition. In two of the last three elections, half the seats had a single',
            'candidate. Voters who see no choice tend not to show up, and candidates who face no opponent',
            'spend little on reaching them.',
          ),
        ),
        paragraph(
          prose(
            'The third is information. When the valley’s daily newspaper stopped covering council meetings',
            'in person, the number of stories about local candidates fell sharply, and research on other',
            'towns suggests turnout follows coverage.',
          ),
        ),
        paragraph(
          prose(
            'None of these is fixed by a single change, but moving the election date is the one the council',
            'can make on its own. A proposal to do so is expected before the charter commission this spring.',
          ),
        ),
      ],
    }),
  },
  {
    slug: 'the-county-should-stream-every-public-meeting',
    headline: 'Opinion: The County Should Stream Every Public Meeting',
    dek: prose(
      'Committees make the decisions the full board later rubber-stamps.',
      'Residents should be able to watch.',
    ),
    section: 'politics',
    workType: 'opinion',
    dateline: null,
    authors: ['elliot-brandvold'],
    tags: ['open-government'],
    hero: 'meeting-screen',
    publishedHoursAgo: 150,
    body: () => ({
      type: 'doc',
      content: [
        paragraph(
          prose(
            'Anyone with an internet connection can watch the Alder County board meet twice a month. Almost',
            'nobody can watch the committees where the board’s decisions are actually shaped.',
          ),
        ),
        paragraph(
          prose(
            'The finance, roads and public health committees meet on weekday mornings in a room with twelve',
            'chairs for the public. Their recommendations pass the full board, usually without debate, more',
            'than nine times out of ten.',
          ),
        ),
        paragraph(
          prose(
            'The county already owns the cameras. Streaming the committees would cost little more than the',
            'staff time to press record and post the video, and neighbouring counties have done it for',
            'years.',
          ),
        ),
        paragraph(
          prose(
            'Open meetings laws were written for a time when being there meant being there. The board should',
            'adopt a simple rule: if the public may attend, the public may watch.',
          ),
        ),
      ],
    }),
  },
  {
    slug: 'what-the-stormwater-fee-means-for-your-bill',
    headline: 'What the New Stormwater Fee Means for Your Water Bill',
    dek: 'A monthly charge based on paved area replaces part of the property tax levy. Here is how it works.',
    section: 'environment',
    workType: 'explainer',
    dateline: null,
    authors: ['priya-halvorsen'],
    tags: ['water', 'budget'],
    hero: 'stormwater',
    publishedHoursAgo: 220,
    body: () => ({
      type: 'doc',
      content: [
        paragraph(
          prose(
            'From April, Riverside water bills will carry a new line: a stormwater utility fee. It pays for',
            'the pipes, ditches and ponds that carry rain away from streets and basements.',
          ),
        ),
        heading('How the fee is calculated'),
        list('orderedList', [
          prose(
            'The city measures each property’s hard surfaces — roofs, driveways, parking lots — from',
            'aerial maps.',
          ),
          'That area is divided by 3,000 square feet, the size of a typical house lot’s paved area.',
          'Each resulting unit costs $6.50 a month; most homes pay for one unit.',
        ]),
        heading('Who pays less'),
        list('bulletList', [
          'Owners with a rain garden or rain barrels can apply for a credit of up to 40 percent.',
          'Churches, schools and non-profits pay the fee too, but may apply for the same credits.',
          'Undeveloped land with no paved surface pays nothing.',
        ]),
        paragraph(
          prose(
            'The city says the fee will raise about $2.4 million a year, and the council lowered the',
            'property tax levy by about $900,000 to offset part of it. Appeals of the measured area can be',
            'made to the public works department within 60 days of the first bill.',
          ),
        ),
      ],
    }),
  },
];

/** The demo's site settings. App hand-off stays off (no app); the seed adds the logo and points the Trust
 * Project policies at the demo's own pages (demo/pages.ts). */
export const demoSiteSettings = {
  siteName: 'The Riverside Ledger',
  tagline: 'Independent, non-profit news for Riverside and the Alder River valley',
  description: prose(
    'A demonstration newsroom for Broadsheet. Apart from the Kharkiv story, the stories, people and places',
    'here are invented.',
  ),
  language: 'en',
  timeZone: 'America/Chicago',
  expandAfterParagraphs: 4,
  publisher: {
    legalName: 'Riverside Ledger Community News, Inc.',
    foundingDate: '2019',
    sameAs: [],
    policies: {},
  },
  app: {},
};

/** How the demo's readers give: an external donation page, so the call-to-action and /support show with no
 * payment keys. The newsroom is invented, so its donation page is on a domain reserved for examples. */
export const demoPaymentMode = {
  mode: 'external' as const,
  externalUrl: 'https://example.org/donate',
  stripeSecretKey: '',
  stripeWebhookSecret: '',
};

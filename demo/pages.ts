// The demo newsroom's standing pages (About, Masthead, the policies, Contact, Funding), so that a new user
// sees a complete site: the footer's links lead somewhere and the Trust Project settings point at real pages.
// Privacy is not one of them: /privacy is written from the settings in force (src/consent/). The newsroom, its people and its donors are invented.

export interface DemoPage {
  slug: string;
  title: string;
  description: string;
  /** Paragraphs; a line starting with "## " is a heading. */
  blocks: string[];
  /** The Trust Project properties this page answers (site settings' publisher.policies). */
  policies: string[];
}

export const demoPages: DemoPage[] = [
  {
    slug: 'about',
    title: 'About the Ledger',
    description:
      'The Riverside Ledger is an independent, non-profit newsroom covering Riverside and the Alder River valley.',
    policies: ['publishingPrinciples', 'missionCoveragePrioritiesPolicy'],
    blocks: [
      'The Riverside Ledger is an independent, non-profit newsroom. We report on the decisions that shape life in Riverside and the Alder River valley: the city council and the county board, the schools, the river, housing and the local economy.',
      '## What we cover, and why',
      'We go where no other newsroom now goes regularly: every council and school board meeting, the county budget, the permits and inspections that decide what gets built. We explain what was decided, who decided it and what it means for the people who live here.',
      'We do not endorse candidates or parties, and our newsroom decides what we cover. Our journalism is free to read, with no paywall, because information about a community should be open to everyone in it.',
      '## Who we are',
      'The Ledger was founded in 2019 by reporters who had lost their jobs when the valley’s daily paper closed its Riverside office. Today a staff of six is joined by freelance reporters and photographers from the valley. Our masthead lists everyone who works here.',
    ],
  },
  {
    slug: 'masthead',
    title: 'Masthead',
    description: 'The people who report, edit and publish the Riverside Ledger, and how to reach them.',
    policies: ['masthead'],
    blocks: [
      '## Newsroom',
      'Editor-in-chief: Dana Whitfield. Managing editor: Luis Ortega. City hall reporter: Priya Raman. Schools and health reporter: Marcus Bell. Environment reporter: June Okafor. Photographer and video: Sam Kowalski.',
      '## Business and operations',
      'Executive director: Helen Park. Membership and events: Tomás Reyes.',
      '## Board of directors',
      'Chair: Margaret Liu, retired judge. Treasurer: Ben Adeyemi, accountant. Members: Carla Jensen, librarian; Rev. Thomas Greer; Aisha Nasser, teacher. The board oversees the Ledger’s finances and hires the editor-in-chief; it has no say over what we cover.',
    ],
  },
  {
    slug: 'ethics',
    title: 'Ethics policy',
    description: 'The standards our journalists follow: accuracy, independence, fairness and transparency.',
    policies: ['ethicsPolicy', 'verificationFactCheckingPolicy', 'unnamedSourcesPolicy', 'diversityPolicy'],
    blocks: [
      'We follow the Society of Professional Journalists’ Code of Ethics: seek truth and report it, minimise harm, act independently and be accountable and transparent. What follows is how we apply it.',
      '## Independence',
      'Our staff do not accept gifts, free travel or payment from people or organisations we cover. Donors, sponsors and board members have no say in what we report, and we report on them as we would on anyone else, saying so when we do.',
      '## Verification and fact-checking',
      'Every fact in a story is checked by the reporter against documents or a named source, and every story is read by an editor before it is published. Numbers are checked against their source a second time. We link to the documents we rely on whenever we can.',
      '## Unnamed sources',
      'We name our sources. We grant anonymity only when a source would face real harm for speaking, the information is important and cannot be had on the record, and the editor-in-chief knows who the source is. We then tell readers why the source was not named.',
      '## Diversity',
      'The valley is more varied than its newsrooms have been. We track whose voices appear in our stories each quarter, publish the results in our annual report, and recruit reporters and freelancers from every part of the valley.',
    ],
  },
  {
    slug: 'corrections-policy',
    title: 'Corrections policy',
    description:
      'How we correct mistakes: promptly, in the story itself, and on our public corrections page.',
    policies: ['correctionsPolicy'],
    blocks: [
      'We make mistakes, and when we do we correct them promptly and openly. A correction is added to the end of the story, saying what was wrong and what is right, with the date. We never quietly change a fact.',
      'A clarification is added when a story was accurate but could be misread. An update is added when news develops after we publish. Every correction, clarification and update is also listed on our public corrections page.',
      'To report an error, write to corrections@riverside-ledger.example or use the contact page. An editor reads every message and answers within two working days.',
    ],
  },
  {
    slug: 'contact',
    title: 'Contact us',
    description: 'How to reach the Riverside Ledger newsroom with a tip, a question or a correction.',
    policies: ['actionableFeedbackPolicy'],
    blocks: [
      'We want to hear from you: tips, questions, complaints and ideas make our journalism better.',
      '## News tips',
      'Write to tips@riverside-ledger.example or call the newsroom on (555) 010-4477, weekdays from 9 a.m. to 5 p.m. If you need to protect your identity, ask for our secure options and we will explain them.',
      '## Feedback and complaints',
      'Write to the managing editor at editor@riverside-ledger.example. We answer every message within two working days, and we publish a summary of the feedback we received, and what we changed because of it, each quarter.',
      '## Visit',
      'The Ledger’s office is at 214 Front Street, Riverside. Visitors are welcome on weekdays; please call ahead.',
    ],
  },
  {
    slug: 'funding',
    title: 'Funding and donors',
    description:
      'Who pays for the Riverside Ledger: members, local donors and foundations, listed every year.',
    policies: ['ownershipFundingInfo'],
    blocks: [
      'The Riverside Ledger is published by Riverside Ledger Community News, Inc., a non-profit organisation. No person or company owns it.',
      '## Where our money comes from',
      'Last year our budget of $610,000 came from reader members and donors (46%), foundations (38%), local business sponsors (11%) and events (5%). We list every donor who gave more than $1,000 in our annual report, and we do not accept anonymous gifts over that amount.',
      '## Our largest supporters',
      'The Alder Valley Community Foundation, the Riverside Press Club Trust and the Northfield Family Fund each gave more than $25,000 last year. None of them has any say in what we report.',
    ],
  },
];

/** A page's paragraphs and headings as a body document. */
export function demoPageBody(page: DemoPage) {
  return {
    type: 'doc',
    content: page.blocks.map((block) =>
      block.startsWith('## ')
        ? { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: block.slice(3) }] }
        : { type: 'paragraph', content: [{ type: 'text', text: block }] },
    ),
  };
}

/** The Trust Project settings the demo pages answer, each pointing at its page. */
export function demoPolicies(): Record<string, string> {
  return Object.fromEntries(demoPages.flatMap((p) => p.policies.map((policy) => [policy, `/${p.slug}`])));
}

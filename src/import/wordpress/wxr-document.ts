// What the reader knows of the export so far and the records waiting to be taken: the site (held back until
// the channel's header is read), the people and terms already named, and the kinds left out.
import { SourceFileError, type SourcePerson, type SourceRecord, type SourceSite } from '../source-model.js';
import {
  personFromLogin,
  readAuthor,
  readCategory,
  readGenericTerm,
  readTag,
  SUPPORTED_WXR_VERSIONS,
} from './wxr-channel.js';
import { SiteClock } from './wxr-dates.js';
import { type ItemContext, readItem } from './wxr-item.js';
import { LeftOut } from './wxr-left-out.js';
import { text, type WxrNode } from './wxr-tree.js';

/** The channel's children that come after its header: once one opens, the site can be told. */
const ENTRIES = new Set(['wp:author', 'wp:category', 'wp:tag', 'wp:term', 'item']);

export class WxrDocument {
  private pending: SourceRecord[] = [];
  private readonly header = new Map<string, string>();
  private siteTold = false;
  private channelSeen = false;
  /** Ids and aliases of the people already yielded, so a post's unknown `dc:creator` gets one. */
  private readonly people = new Set<string>();
  private readonly personIds = new Set<string>();
  private readonly terms = new Set<string>();
  private readonly leftOut = new LeftOut();
  private readonly context: ItemContext = {
    clock: new SiteClock(),
    categorySlugById: new Map(),
    categoryNameBySlug: new Map(),
  };

  take(): SourceRecord[] {
    const records = this.pending;
    this.pending = [];
    return records;
  }

  opened(node: WxrNode, depth: number): void {
    if (depth === 1 && node.name !== 'rss') {
      throw new SourceFileError(`Not a WordPress export: the document is <${node.name}>, not <rss>`);
    }
    if (depth === 2 && node.name === 'channel') this.channelSeen = true;
    if (depth === 3 && ENTRIES.has(node.name)) this.tellSite();
  }

  closed(node: WxrNode, depth: number): void {
    if (depth === 2 && node.name === 'channel') this.tellSite();
    if (depth !== 3) return;
    switch (node.name) {
      case 'wp:author':
        this.person(readAuthor(node));
        break;
      case 'wp:category':
        this.term(readCategory(node));
        break;
      case 'wp:tag':
        this.term(readTag(node));
        break;
      case 'wp:term':
        this.term(readGenericTerm(node));
        break;
      case 'item':
        this.item(node);
        break;
      default:
        if (!this.siteTold) this.header.set(node.name, node.text.trim());
    }
  }

  finish(): void {
    if (!this.channelSeen) throw new SourceFileError('Not a WordPress export: the file has no <channel>');
    this.tellSite();
    this.pending.push(...this.leftOut.problems());
  }

  private tellSite(): void {
    if (this.siteTold) return;
    const version = this.header.get('wp:wxr_version') ?? '';
    if (version === '') throw new SourceFileError('Not a WordPress export: the file has no <wp:wxr_version>');
    if (!SUPPORTED_WXR_VERSIONS.includes(version)) {
      throw new SourceFileError(
        `WXR version ${version} is not supported (Broadsheet reads ${SUPPORTED_WXR_VERSIONS.join(', ')})`,
      );
    }
    const address = [
      this.header.get('link'),
      this.header.get('wp:base_blog_url'),
      this.header.get('wp:base_site_url'),
    ]
      .map((value) => value?.trim().replace(/\/+$/, '') ?? '')
      .find((value) => value !== '');
    if (address === undefined) throw new SourceFileError('The export names no site address (<link>)');
    const language = this.header.get('language') ?? '';
    const site: SourceSite = {
      kind: 'site',
      system: 'wordpress',
      title: this.header.get('title') ?? '',
      baseUrl: address,
      ...(language === '' ? {} : { language }),
      formatVersion: version,
    };
    this.siteTold = true;
    this.header.clear();
    this.pending.push(site);
  }

  private person(person: SourcePerson | undefined): void {
    if (person === undefined || this.personIds.has(person.sourceId)) return;
    this.personIds.add(person.sourceId);
    this.people.add(person.sourceId);
    for (const alias of person.aliases ?? []) this.people.add(alias);
    this.pending.push(person);
  }

  private term(term: ReturnType<typeof readCategory>): void {
    if (term === undefined) return;
    const key = `${term.taxonomy}:${term.slug}`;
    if (this.terms.has(key)) return;
    this.terms.add(key);
    if (term.taxonomy === 'category') {
      this.context.categorySlugById.set(term.sourceId, term.slug);
      this.context.categoryNameBySlug.set(term.slug, term.name);
    }
    this.pending.push(term);
  }

  private item(node: WxrNode): void {
    const outcome = readItem(node, this.context);
    if (outcome.leftOutKind !== undefined) this.leftOut.kind(outcome.leftOutKind);
    if (outcome.leftOutComments !== undefined) this.leftOut.addComments(outcome.leftOutComments);
    for (const record of outcome.records) {
      if (record.kind === 'person') {
        this.person(record);
        continue;
      }
      if (record.kind === 'post') {
        // WXR 1.0 lists no authors: a login first met as a post's creator becomes a person here.
        const creator = text(node, 'dc:creator');
        if (creator !== '' && !this.people.has(creator) && record.authorIds.includes(creator)) {
          this.person(personFromLogin(creator));
        }
      }
      this.pending.push(record);
    }
  }
}

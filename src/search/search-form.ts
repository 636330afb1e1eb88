// The reader's search page's query string, read once: the words (anything goes, search-query.ts cleans
// them), a section by its slug, a range of days in the site's time zone, and a page number. What cannot be
// read is a 400 naming the field, never a quietly different search.
import { Invalid } from '../http/errors.js';
import { pageNumber } from '../http/request-params.js';
import type { SectionRef } from '../site/sections.js';
import { zonedTime } from '../views/dates.js';

export interface SearchForm {
  q: string;
  section: SectionRef | null;
  /** Days as typed (YYYY-MM-DD), both included; '' when not given. */
  fromDay: string;
  toDay: string;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function field(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  // A repeated parameter (?q=a&q=b) is read as its first value.
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function day(value: string, name: string, label: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (!DAY.test(trimmed) || Number.isNaN(Date.parse(`${trimmed}T00:00:00Z`)) || !sameDay(trimmed)) {
    throw new Invalid(`The “${label}” date must be a date such as 2026-05-01.`, { [name]: 'not a date' });
  }
  return trimmed;
}

// Date.parse rolls 2026-02-30 over into March; a day that does not exist is not a day.
function sameDay(value: string): boolean {
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export function readSearchForm(input: unknown, sections: readonly SectionRef[]): SearchForm {
  const query = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const sectionSlug = field(query, 'section');
  const section = sectionSlug === '' ? null : (sections.find((s) => s.slug === sectionSlug) ?? null);
  if (sectionSlug !== '' && !section) {
    throw new Invalid('Choose a section from the list.', { section: 'no such section' });
  }
  const page = pageNumber({ page: query.page === undefined ? undefined : field(query, 'page') });
  return {
    q: field(query, 'q'),
    section,
    fromDay: day(field(query, 'from'), 'from', 'From'),
    toDay: day(field(query, 'to'), 'to', 'To'),
    page,
  };
}

/** The instants the days name in the site's time zone: from the start of the first to the end of the last. */
export function publishedRange(form: SearchForm, timeZone: string): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (form.fromDay) range.from = zonedTime(`${form.fromDay}T00:00`, timeZone).toISOString();
  if (form.toDay) {
    const next = new Date(Date.parse(`${form.toDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    range.to = zonedTime(`${next}T00:00`, timeZone).toISOString();
  }
  return range;
}

/** The address of another page of the same search. */
export function searchPath(form: SearchForm, page: number): string {
  const params = new URLSearchParams();
  params.set('q', form.q);
  if (form.section) params.set('section', form.section.slug);
  if (form.fromDay) params.set('from', form.fromDay);
  if (form.toDay) params.set('to', form.toDay);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

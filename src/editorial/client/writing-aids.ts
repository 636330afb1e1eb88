// While writing: the body's word count and reading time, and the publish checklist beside the form kept in
// step with what is typed. Both use the rules the server uses (word-count.ts, completeness.ts); the checks
// only the server can make (image alt text and licences) stay as it rendered them until the next save.
import { countWords, readingMinutes } from '../../articles/word-count.js';
import { missingParts } from '../completeness.js';
import { slugify } from '../slug.js';

const PART_FIELDS = new Set(['headline', 'slug', 'body', 'sectionId', 'authorIds']);

function value(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLSelectElement ? field.value : '';
}

export function showWordCount(bodyText: string) {
  const line = document.getElementById('body-word-count');
  if (!line) return;
  const words = countWords(bodyText, document.documentElement.lang || 'en');
  const minutes = readingMinutes(words);
  line.textContent = `${words} ${words === 1 ? 'word' : 'words'} · ${minutes} min read`;
  line.hidden = false;
}

export function updateChecklist(form: HTMLFormElement, bodyText: string) {
  const checklist = document.getElementById('publish-checklist');
  const list = checklist?.querySelector('ul');
  if (!checklist || !list) return;
  const headline = value(form, 'headline');
  const problems = missingParts({
    headline,
    // A slug left empty is made from the headline on save, as the server does.
    slug: value(form, 'slug').trim() || slugify(headline),
    bodyText,
    sectionId: Number(value(form, 'sectionId')) || null,
    authorCount: [...form.querySelectorAll<HTMLSelectElement>('select[name="authorIds"]')].filter(
      (s) => s.value,
    ).length,
  });
  const serverOnly = [...list.querySelectorAll('li')].filter(
    (li) => !PART_FIELDS.has(li.dataset.field ?? ''),
  );
  const parts = Object.entries(problems).map(([field, text]) => {
    const item = document.createElement('li');
    item.dataset.field = field;
    item.textContent = text;
    return item;
  });
  list.replaceChildren(...parts, ...serverOnly);
  checklist.hidden = list.children.length === 0;
}

// The comment settings as a form: text fields in and out, converted to the settings document (lists one
// entry per line, numbers as typed). A wrong number stays as typed and gets its message.
import { formText } from '../../admin/views/form.js';
import type { CommentSettings } from '../settings.js';

export type SettingsFormValues = Record<
  | 'mode'
  | 'blockList'
  | 'holdList'
  | 'linkLimit'
  | 'autoCloseDays'
  | 'ipRetentionDays'
  | 'minSecondsBeforePosting'
  | 'perPage'
  | 'order'
  | 'akismetUrl'
  | 'akismetKey',
  string
>;

export const FIELD_LABELS: Record<keyof SettingsFormValues, string> = {
  mode: 'Moderation',
  blockList: 'Refuse comments containing',
  holdList: 'Hold comments containing',
  linkLimit: 'Hold comments with more links than',
  autoCloseDays: 'Close comments after (days)',
  ipRetentionDays: 'Keep network hashes for (days)',
  minSecondsBeforePosting: 'Minimum seconds between showing the form and posting',
  perPage: 'Threads per page',
  order: 'Order',
  akismetUrl: 'Spam checker address',
  akismetKey: 'Spam checker key',
};

export function settingsToForm(s: CommentSettings): SettingsFormValues {
  return {
    mode: s.mode,
    blockList: s.blockList.join('\n'),
    holdList: s.holdList.join('\n'),
    linkLimit: String(s.linkLimit),
    autoCloseDays: String(s.autoCloseDays),
    ipRetentionDays: String(s.ipRetentionDays),
    minSecondsBeforePosting: String(s.minSecondsBeforePosting),
    perPage: String(s.perPage),
    order: s.order,
    akismetUrl: s.akismetUrl,
    // The key is never sent back to a browser; an empty field keeps the stored one.
    akismetKey: '',
  };
}

export function readSettingsForm(body: unknown): SettingsFormValues {
  const values = {} as SettingsFormValues;
  for (const name of Object.keys(FIELD_LABELS) as Array<keyof SettingsFormValues>)
    values[name] = formText(body, name);
  return values;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const number = (text: string) => (/^\s*\d{1,6}\s*$/.test(text) ? Number(text) : text);

/** The document to validate; the stored key is kept unless a new one was typed or the address cleared. */
export function formToSettings(values: SettingsFormValues, current: CommentSettings): unknown {
  const url = values.akismetUrl.trim();
  return {
    mode: values.mode,
    blockList: lines(values.blockList),
    holdList: lines(values.holdList),
    linkLimit: number(values.linkLimit),
    autoCloseDays: number(values.autoCloseDays),
    ipRetentionDays: number(values.ipRetentionDays),
    minSecondsBeforePosting: number(values.minSecondsBeforePosting),
    perPage: number(values.perPage),
    order: values.order,
    akismetUrl: url,
    akismetKey: url ? values.akismetKey.trim() || current.akismetKey : '',
  };
}

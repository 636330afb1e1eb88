// The comment settings at the boundary: each wrong setting is named by its form field (a wrong entry of a
// list by its list), the spam checker needs its address and key together, and lists are kept once each.
import { describe, expect, it } from 'vitest';
import { Invalid } from '../http/errors.js';
import { defaultCommentSettings, parseCommentSettings } from './settings.js';

function fieldsOf(input: unknown): Record<string, string> {
  try {
    parseCommentSettings(input);
  } catch (error) {
    if (error instanceof Invalid) return error.fields;
    throw error;
  }
  throw new Error('the settings were accepted');
}

describe('parseCommentSettings', () => {
  it('names the list, not the entry, when one entry of a list is wrong', () => {
    const fields = fieldsOf({ ...defaultCommentSettings, blockList: ['fine', 'x'], perPage: 1 });
    expect(fields).toEqual({
      blockList: 'entries must be at least two characters',
      perPage: expect.any(String),
    });
  });

  it('refuses an address for the spam checker without its key', () => {
    expect(fieldsOf({ ...defaultCommentSettings, akismetUrl: 'https://rest.akismet.example' })).toEqual({
      akismetKey: 'the checker needs both its address and its key',
    });
  });

  it('keeps each list entry once, in lower case', () => {
    const settings = parseCommentSettings({
      ...defaultCommentSettings,
      holdList: ['Lawsuit', 'lawsuit', 'libel'],
    });
    expect(settings.holdList).toEqual(['lawsuit', 'libel']);
  });
});

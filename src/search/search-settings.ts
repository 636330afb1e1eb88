// What the search index was built with, kept so that queries are read the same way: on PostgreSQL a query
// must be stemmed by the configuration that stemmed the index, whatever the site's language is now.
import { z } from 'zod';
import { Invalid } from '../http/errors.js';
import { settingsSection } from '../storage/settings-store.js';

const schema = z.object({
  /**
   * The PostgreSQL text-search configuration of every row of the index (SQLite's index has none); empty
   * until the first article is indexed, which sets it from the site's language.
   */
  postgresConfig: z.union([z.literal(''), z.string().regex(/^[a-z_]+$/)]),
});

export type SearchSettings = z.infer<typeof schema>;

export const searchSettingsSection = settingsSection<SearchSettings>({
  key: 'search',
  defaults: { postgresConfig: '' },
  parse(input) {
    const result = schema.safeParse(input);
    if (!result.success) throw new Invalid('The search settings are not valid.');
    return result.data;
  },
});

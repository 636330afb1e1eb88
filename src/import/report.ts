// The run's report as it is built: counts per kind (imported, updated, skipped, failed), the warnings with
// the item's title and old address, and the redirects made. Printed by the command line, shown in the admin.
import type { ImportCount, ImportKind, ImportReport, ImportWarning } from './import-contract.js';
import type { SourceSystem } from './source-model.js';

export const IMPORT_KINDS: readonly ImportKind[] = [
  'people',
  'sections',
  'tags',
  'media',
  'articles',
  'pages',
  'comments',
  'redirects',
];

/** Warnings kept in full; past this many only counted, so a broken export cannot fill memory with them. */
const MAX_WARNINGS = 5000;
/** Redirects listed in the report; past this many only counted (counts.redirects holds them all). */
const MAX_LISTED_REDIRECTS = 5000;

export type Outcome = keyof ImportCount;

export interface ReportMark {
  counts: Record<ImportKind, ImportCount>;
  warnings: number;
  warningsLeftOut: number;
  redirects: number;
  idsNotKept: Partial<Record<ImportKind, number>>;
}

/** What the report calls each kind's items on the old site, one and many. */
const WORDPRESS_NAMES: Partial<Record<ImportKind, [string, string]>> = {
  articles: ['post', 'posts'],
  pages: ['page', 'pages'],
  sections: ['category', 'categories'],
  tags: ['tag', 'tags'],
  people: ['author', 'authors'],
  media: ['attachment', 'attachments'],
  comments: ['comment', 'comments'],
};

function idsNotKeptWarning(kind: ImportKind, n: number): ImportWarning {
  const [one, many] = WORDPRESS_NAMES[kind] ?? [kind, kind];
  const message =
    n === 1
      ? `1 ${one} could not keep its WordPress id because a local item already has it; its old id is not served by /wp-json`
      : `${n} ${many} could not keep their WordPress id because a local item already has it; their old id is not served by /wp-json`;
  return { kind, title: 'WordPress ids', message };
}

export class ReportBuilder {
  readonly counts: Record<ImportKind, ImportCount>;
  private readonly warnings: ImportWarning[] = [];
  private warningsLeftOut = 0;
  private readonly redirects: Array<{ from: string; to: string }> = [];
  /** New items written under a fresh id because theirs was taken here (kept-ids.ts): one warning per kind. */
  private idsNotKept: Partial<Record<ImportKind, number>> = {};
  sourceSite = '';

  constructor(
    readonly system: SourceSystem,
    readonly dryRun: boolean,
  ) {
    this.counts = Object.fromEntries(
      IMPORT_KINDS.map((k) => [k, { imported: 0, updated: 0, skipped: 0, failed: 0 }]),
    ) as Record<ImportKind, ImportCount>;
  }

  count(kind: ImportKind, outcome: Outcome, n = 1): void {
    this.counts[kind][outcome] += n;
  }

  warn(warning: ImportWarning): void {
    // A copy: the reader's strings may be slices of a whole item, which the warning would keep alive.
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(structuredClone(warning));
    else this.warningsLeftOut++;
  }

  idNotKept(kind: ImportKind): void {
    this.idsNotKept[kind] = (this.idsNotKept[kind] ?? 0) + 1;
  }

  redirect(from: string, to: string): void {
    this.count('redirects', 'imported');
    if (this.redirects.length < MAX_LISTED_REDIRECTS) this.redirects.push({ from, to });
  }

  /** Where the report stands, to go back to if the items counted since are rolled back. */
  mark(): ReportMark {
    return {
      counts: this.snapshot(),
      warnings: this.warnings.length,
      warningsLeftOut: this.warningsLeftOut,
      redirects: this.redirects.length,
      idsNotKept: { ...this.idsNotKept },
    };
  }

  restore(mark: ReportMark): void {
    for (const kind of IMPORT_KINDS) Object.assign(this.counts[kind], mark.counts[kind]);
    this.warnings.length = mark.warnings;
    this.warningsLeftOut = mark.warningsLeftOut;
    this.redirects.length = mark.redirects;
    this.idsNotKept = { ...mark.idsNotKept };
  }

  /** A copy of the counts, for a progress report that must not change under its reader. */
  snapshot(): Record<ImportKind, ImportCount> {
    return Object.fromEntries(IMPORT_KINDS.map((k) => [k, { ...this.counts[k] }])) as Record<
      ImportKind,
      ImportCount
    >;
  }

  finish(empty: boolean): ImportReport {
    const warnings = [...this.warnings];
    for (const kind of IMPORT_KINDS) {
      const n = this.idsNotKept[kind];
      if (n) warnings.push(idsNotKeptWarning(kind, n));
    }
    if (this.warningsLeftOut > 0) {
      warnings.push({
        kind: 'file',
        title: 'More warnings',
        message: `${this.warningsLeftOut} more warnings were not listed.`,
      });
    }
    if (empty) {
      warnings.unshift({ kind: 'file', title: 'Empty export', message: EMPTY_MESSAGE });
    }
    return {
      system: this.system,
      sourceSite: this.sourceSite,
      dryRun: this.dryRun,
      counts: this.snapshot(),
      warnings,
      redirects: [...this.redirects],
      empty,
    };
  }
}

export const EMPTY_MESSAGE = 'This export holds no posts, pages or media.';

/** A Broadsheet archive's import (src/export/archive-import.ts): the same counts, and what else it wrote. */
export type ArchiveReport = Omit<ImportReport, 'system'> & {
  system: 'broadsheet';
  /** Curated fronts (draft and live rows) and the settings sections written. */
  fronts: number;
  settings: string[];
};

/** The report as text, for the command line. */
export function reportText(report: ImportReport | ArchiveReport): string {
  const lines: string[] = [];
  lines.push(
    `${report.dryRun ? 'Dry run (nothing written)' : 'Import'} from ${report.system} ${report.sourceSite || '(unnamed site)'}`,
  );
  if (report.empty) lines.push(EMPTY_MESSAGE);
  lines.push('kind        imported  updated  skipped  failed');
  for (const kind of IMPORT_KINDS) {
    const c = report.counts[kind];
    lines.push(
      `${kind.padEnd(10)}  ${String(c.imported).padStart(8)}  ${String(c.updated).padStart(7)}  ${String(c.skipped).padStart(7)}  ${String(c.failed).padStart(6)}`,
    );
  }
  const listed = report.warnings.filter((w) => !(report.empty && w.message === EMPTY_MESSAGE));
  if (listed.length > 0) {
    lines.push('', `Warnings (${listed.length}):`);
    for (const w of listed) {
      lines.push(`- [${w.kind}] ${w.title}${w.oldUrl ? ` <${w.oldUrl}>` : ''}: ${w.message}`);
    }
  }
  lines.push('', `Redirects made: ${report.counts.redirects.imported}`);
  return `${lines.join('\n')}\n`;
}

/** An archive's report as the other imports print theirs, with its fronts and settings, and what is next. */
export function archiveReportText(report: ArchiveReport): string {
  const lines = [
    `Curated fronts: ${report.fronts}; settings: ${report.settings.join(', ') || 'none'}`,
    ...(report.dryRun ? [] : ['Restart the server so it reads the imported settings.']),
  ];
  return `${reportText(report)}${lines.join('\n')}\n`;
}

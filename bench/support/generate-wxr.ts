// Writes a generated WordPress export for the import benchmarks:
//   npx tsx bench/support/generate-wxr.ts out.xml --posts 200000 [--comments 1] [--attachment-every 5]
// 170,000 posts with one comment each come to about 500 MB.
import { parseArgs } from 'node:util';
import { writeGeneratedWxr } from '../../test/support/wxr-generator.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    posts: { type: 'string', default: '1000' },
    comments: { type: 'string', default: '1' },
    'attachment-every': { type: 'string', default: '0' },
  },
});
const file = positionals[0];
const posts = Number(values.posts);
const commentsPerPost = Number(values.comments);
const attachmentEvery = Number(values['attachment-every']);
if (
  file === undefined ||
  ![posts, commentsPerPost, attachmentEvery].every((n) => Number.isInteger(n) && n >= 0)
) {
  console.error('usage: generate-wxr.ts OUT.xml [--posts N] [--comments N] [--attachment-every N]');
  process.exit(2);
}
const started = performance.now();
const summary = await writeGeneratedWxr(file, { posts, commentsPerPost, attachmentEvery });
const seconds = (performance.now() - started) / 1000;
console.log(
  `wrote ${file}: ${summary.posts} posts, ${summary.attachments} attachments, ${summary.comments} comments, ` +
    `${(summary.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
);

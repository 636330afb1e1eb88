// Keeps a long import's heap near what the run holds. V8 collects its old generation only once that has grown
// to several times what survived the last collection, and an import promotes garbage into it steadily (the
// objects of the post at hand outlive a young-generation collection or two): a 500 MB export held 100 MB and
// let the heap reach 525 MB. Between batches, once the heap has grown by SLACK since the last full
// collection, this one collects: a 30-40 ms pause every few seconds, for a process that does nothing else.
// Only the command line has the collector to call (`node --expose-gc`, scripts/run.mjs); a server's import
// job leaves the heap to V8, whose pauses would fall on readers' requests.
import { getHeapStatistics } from 'node:v8';

const SLACK_BYTES = 48 * 1024 * 1024;

/** A function to call between batches; it does nothing when the process has no collector to call. */
export function heapKeeper(collect: (() => void) | undefined, slackBytes = SLACK_BYTES): () => void {
  if (!collect) return () => {};
  let afterLast = getHeapStatistics().used_heap_size;
  return () => {
    if (getHeapStatistics().used_heap_size < afterLast + slackBytes) return;
    collect();
    afterLast = getHeapStatistics().used_heap_size;
  };
}

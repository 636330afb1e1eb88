// /metrics with worker processes (WEB_CONCURRENCY > 1): whichever worker the scrape reaches asks the
// primary, which gathers every worker's registry over IPC and sums them (prom-client's AggregatorRegistry:
// counters and histograms added up; process gauges per prom-client's own rules). One scrape of the port then
// describes the whole machine, not one worker picked at random. The primary's own work (scheduler, digests)
// serves no requests and is not in it.
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

const ASK = 'broadsheet:metrics-ask';
const ANSWER = 'broadsheet:metrics-answer';
// prom-client gives up on workers after 5 s; the worker waits a little longer for the primary's answer.
const WAIT_MS = 6000;

interface Ask {
  type: typeof ASK;
  id: number;
}
interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

const isAsk = (m: unknown): m is Ask => (m as Ask | null)?.type === ASK && typeof (m as Ask).id === 'number';
const isAnswer = (m: unknown): m is Answer =>
  (m as Answer | null)?.type === ANSWER && typeof (m as Answer).id === 'number';

/** In the primary: answers the workers' requests for the machine's metrics. */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isAsk(message)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: ANSWER, id: message.id, text } satisfies Answer),
      (error: Error) =>
        worker.isConnected() &&
        worker.send({ type: ANSWER, id: message.id, error: error.message } satisfies Answer),
    );
  });
}

export interface WorkerMetrics {
  /** Hands this worker's registry to the primary whenever it gathers. */
  share(registry: Registry): void;
  /** Asks the primary for every worker's metrics, summed. */
  collect(): Promise<string>;
}

/**
 * In a worker: hands this worker's registry to the primary when it gathers, and returns the function that
 * asks the primary for every worker's metrics (what /metrics serves).
 */
export function workerMetrics(): WorkerMetrics {
  // Constructing one installs prom-client's answer to the primary's requests in this worker.
  new AggregatorRegistry();
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (!isAnswer(message)) return;
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.text !== undefined) pending?.resolve(message.text);
    else pending?.reject(new Error(`the primary could not gather the workers' metrics: ${message.error}`));
  });
  return {
    share(registry) {
      AggregatorRegistry.setRegistries([registry]);
    },
    collect() {
      const id = next++;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`the primary did not answer with the workers' metrics within ${WAIT_MS} ms`));
        }, WAIT_MS);
        waiting.set(id, {
          resolve: (text) => {
            clearTimeout(timer);
            resolve(text);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        process.send?.({ type: ASK, id } satisfies Ask);
      });
    },
  };
}

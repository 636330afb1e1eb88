// Keeps an import's page current while its job runs: asks the progress address every second and fills in the
// bar and the counts; when the job ends, loads the page again to show the report (or the error).
const POLL_MS = 1000;
const PHASES: Record<string, string> = {
  reading: 'Reading the export',
  writing: 'Writing',
  done: 'Finishing',
};

interface ProgressAnswer {
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: {
    phase: string;
    done: number;
    total?: number;
    counts: Record<string, Record<string, number>>;
  } | null;
}

function show(answer: ProgressAnswer) {
  const { progress } = answer;
  if (!progress) return;
  const phase = document.getElementById('import-phase');
  if (phase) phase.textContent = PHASES[progress.phase] ?? progress.phase;
  const done = document.getElementById('import-done');
  if (done) done.textContent = `${progress.done}${progress.total ? ` of ${progress.total}` : ''} items`;
  const bar = document.getElementById('import-bar') as HTMLProgressElement | null;
  if (bar && progress.total) {
    bar.max = progress.total;
    bar.value = progress.done;
  }
  for (const cell of document.querySelectorAll<HTMLElement>('#import-progress td[data-kind]')) {
    const value = progress.counts[cell.dataset.kind ?? '']?.[cell.dataset.count ?? ''];
    if (typeof value === 'number') cell.textContent = String(value);
  }
}

async function poll(url: string): Promise<boolean> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) return true;
  const answer = (await response.json()) as ProgressAnswer;
  if (answer.status === 'done' || answer.status === 'failed') {
    location.reload();
    return false;
  }
  show(answer);
  return true;
}

const section = document.getElementById('import-progress');
const url = section?.dataset.progressUrl;
if (url) {
  const next = () => {
    setTimeout(() => {
      poll(url)
        .catch(() => true)
        .then((again) => {
          if (again) next();
        });
    }, POLL_MS);
  };
  next();
}

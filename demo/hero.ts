// The demo's pictures, drawn here as flat SVG and rasterised by sharp: a stand-in for the reference
// article's photograph (whose rights we do not hold), one illustration per demo story, and author portraits.

type Shapes = string;
type Attrs = Record<string, string | number>;

function el(name: string, attrs: Attrs): Shapes {
  const list = Object.entries(attrs).map(
    ([k, v]) => `${k}="${typeof v === 'number' ? Math.round(v * 10) / 10 : v}"`,
  );
  return `<${name} ${list.join(' ')}/>`;
}

const rect = (x: number, y: number, width: number, height: number, fill: string, more: Attrs = {}) =>
  el('rect', { x, y, width, height, fill, ...more });
const circle = (cx: number, cy: number, r: number, fill: string, more: Attrs = {}) =>
  el('circle', { cx, cy, r, fill, ...more });
const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, more: Attrs = {}) =>
  el('ellipse', { cx, cy, rx, ry, fill, ...more });
const path = (d: string, fill: string, more: Attrs = {}) => el('path', { d, fill, ...more });
const times = (n: number, draw: (i: number) => Shapes) =>
  Array.from({ length: n }, (_, i) => draw(i)).join('');

function svg(width: number, height: number, body: Shapes): Buffer {
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`;
  return Buffer.from(`${open}${body}</svg>`);
}

// JPEG at high quality: the import re-encodes every picture anyway, and JPEG decodes fastest. sharp is
// loaded here, not above: a start that finds the demo already seeded never loads libvips.
async function rasterise(width: number, height: number, body: Shapes): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp(svg(width, height, body))
    .jpeg({ quality: 92 })
    .toBuffer();
}

function verticalGradient(id: string, stops: string[]): Shapes {
  const step = stops.length > 1 ? 100 / (stops.length - 1) : 0;
  const points = stops
    .map((c, i) => el('stop', { offset: `${(i * step).toFixed(1)}%`, 'stop-color': c }))
    .join('');
  return `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${points}</linearGradient></defs>`;
}

// A repeatable scatter (snowflakes, stars, rain) so the same seed draws the same picture every start.
type Area = [x: number, y: number, width: number, height: number];
function scatter(count: number, seed: number, area: Area, dot: (x: number, y: number, r: number) => Shapes) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const [x0, y0, w, h] = area;
  return times(count, () => dot(x0 + next() * w, y0 + next() * h, next()));
}

/** 2400 × 1600: a tracked vehicle on a snowy road under a low winter sky, birches and a far treeline. */
export function drawKharkivHero(): Promise<Buffer> {
  const W = 2400;
  const H = 1600;
  const wheels = [1020, 1180, 1340, 1500, 1660]
    .map((x) => circle(x, 1108, 56, '#2b3036') + circle(x, 1108, 22, '#4a525a'))
    .join('');
  const birches = [180, 300, 2080, 2230]
    .map((x, i) => {
      const width = 22 - i * 2;
      return (
        rect(x, 560 + i * 20, width, 560 - i * 30, '#e9ecec') +
        rect(x, 700 + i * 25, width, 10, '#3a3f44') +
        rect(x, 860 + i * 15, width, 8, '#3a3f44')
      );
    })
    .join('');
  // Flakes share one group's opacity: per-flake opacity made librsvg ten times slower.
  const snow = scatter(160, 7, [0, 0, W, H], (x, y, r) => circle(x, y, 3 + r * 7, '#ffffff'));
  return rasterise(
    W,
    H,
    [
      verticalGradient('sky', ['#8e9eab', '#c3cdd3', '#e4e8ea']),
      rect(0, 0, W, H, 'url(#sky)'),
      circle(1720, 360, 120, '#eef1f2', { opacity: 0.55 }),
      path(
        'M0 880 L160 820 L320 860 L520 800 L720 850 L900 790 L1120 840 L1340 780 L1560 830 L1800 770 ' +
          'L2020 830 L2240 790 L2400 820 L2400 960 L0 960 Z',
        '#5f6b73',
      ),
      path(
        'M0 930 L240 900 L520 925 L860 895 L1200 930 L1600 900 L2000 935 L2400 905 L2400 1000 L0 1000 Z',
        '#7c878e',
      ),
      verticalGradient('snow', ['#f4f6f7', '#d9dfe3']),
      rect(0, 960, W, H - 960, 'url(#snow)'),
      path('M880 1600 L1130 960 L1290 960 L1760 1600 Z', '#b9c0c4'),
      path('M1010 1600 L1170 960 L1190 960 L1090 1600 Z', '#a3abb0'),
      path('M1530 1600 L1240 960 L1260 960 L1640 1600 Z', '#a3abb0'),
      birches,
      path('M860 1060 L940 960 L1240 930 L1330 860 L1560 860 L1640 930 L1780 950 L1840 1060 Z', '#4d5a48'),
      rect(1360, 820, 150, 44, '#44503f', { rx: 8 }),
      rect(1500, 836, 260, 16, '#3b4637', { rx: 6 }),
      rect(900, 1000, 890, 18, '#3d4839'),
      ellipse(1340, 1186, 520, 34, '#8f989e', { opacity: 0.6 }),
      rect(930, 1040, 820, 136, '#262a2e', { rx: 68 }),
      wheels,
      `<g fill-opacity="0.7">${snow}</g>`,
    ].join(''),
  );
}

const W = 1600;
const H = 1067;

/** A story illustration: a sky gradient, a band of ground, and the story's motif on top. */
function scene(sky: [string, string], ground: string, motif: Shapes[]): Promise<Buffer> {
  const background = verticalGradient('bg', sky) + rect(0, 0, W, H, 'url(#bg)');
  return rasterise(W, H, background + rect(0, H * 0.72, W, H * 0.28, ground) + motif.join(''));
}

const drawings: Record<string, () => Promise<Buffer>> = {
  'kharkiv-hero': drawKharkivHero,

  // A domed civic building with columns: the council budget.
  'city-hall': () =>
    scene(['#f3d9b1', '#f7ead6'], '#c9a66b', [
      path('M560 400 A240 200 0 0 1 1040 400 Z', '#8c3b2e'),
      rect(780, 150, 40, 110, '#5b4636'),
      rect(440, 400, 720, 60, '#5b4636'),
      times(6, (i) => rect(480 + i * 115, 470, 50, 300, '#fff8ee')),
      rect(400, 770, 800, 40, '#5b4636'),
      rect(360, 810, 880, 30, '#8c3b2e'),
    ]),

  // A school lunch tray seen from above.
  'lunch-tray': () =>
    scene(['#bfe3d0', '#e8f5ee'], '#9fcfb5', [
      rect(330, 230, 940, 600, '#f2c14e', { rx: 60 }),
      rect(380, 280, 500, 500, '#f7d98a', { rx: 40 }),
      rect(920, 280, 300, 230, '#f7d98a', { rx: 30 }),
      rect(920, 550, 300, 230, '#f7d98a', { rx: 30 }),
      circle(630, 530, 170, '#ffffff'),
      circle(630, 530, 110, '#e4572e'),
      circle(1070, 395, 80, '#d7263d'),
      rect(1064, 300, 12, 40, '#2e5e4e'),
      rect(990, 590, 160, 150, '#ffffff', { rx: 10 }),
      path('M990 590 L1070 540 L1150 590 Z', '#3f88c5'),
    ]),

  // Bags of litter on a riverbank, water running past.
  'river-bank': () =>
    scene(['#a7d3e8', '#e3f2f8'], '#6d9f5b', [
      path(
        'M0 640 C300 600 500 700 800 660 C1100 620 1300 700 1600 650 L1600 900 ' +
          'C1300 950 1000 860 700 910 C400 960 200 880 0 920 Z',
        '#1f6f8b',
      ),
      times(4, (i) =>
        path(`M${120 + i * 380} ${760 + (i % 2) * 40} q90 -40 180 0`, 'none', {
          stroke: '#cfe8f3',
          'stroke-width': 14,
        }),
      ),
      times(5, (i) => ellipse(980 + i * 110, 960 - (i % 2) * 30, 70, 80, '#2b2d42')),
      path(
        'M0 420 L200 360 L420 430 L640 350 L900 420 L1180 360 L1400 420 L1600 380 L1600 640 L0 640 Z',
        '#2f4f2f',
      ),
    ]),

  // Two kayaks on a calm river at morning.
  'river-kayaks': () =>
    scene(['#f6c89f', '#fbe7d3'], '#2c7a96', [
      circle(1200, 420, 140, '#ffd6a5'),
      path('M0 600 L300 520 L560 590 L860 510 L1140 600 L1400 530 L1600 580 L1600 770 L0 770 Z', '#1b3b4b'),
      path('M260 880 Q600 820 940 880 Q600 920 260 880 Z', '#f25c54'),
      path('M760 980 Q1100 920 1440 980 Q1100 1020 760 980 Z', '#f7b801'),
      rect(420, 790, 300, 14, '#1b3b4b', { rx: 7, transform: 'rotate(-12 570 797)' }),
      rect(930, 890, 300, 14, '#1b3b4b', { rx: 7, transform: 'rotate(10 1080 897)' }),
    ]),

  // A ballot box beside a falling bar chart: turnout.
  'ballot-box': () =>
    scene(['#d6d3f0', '#f0eff9'], '#b8b3e0', [
      times(5, (i) => rect(220 + i * 120, 300 + i * 80, 80, 470 - i * 80, '#8a7fc7')),
      rect(900, 420, 460, 360, '#4b3f72', { rx: 20 }),
      rect(1030, 450, 200, 18, '#2d2545', { rx: 9 }),
      rect(1060, 300, 140, 180, '#ffffff', { transform: 'rotate(-8 1130 390)' }),
    ]),

  // An empty lectern facing a screen of video-call faces: public meetings online.
  'meeting-screen': () =>
    scene(['#2b3a55', '#3e5475'], '#1c2638', [
      rect(300, 180, 1000, 560, '#e8eef7', { rx: 24 }),
      rect(340, 220, 920, 480, '#9fb3cf', { rx: 12 }),
      times(6, (i) => circle(460 + (i % 3) * 340, 340 + Math.floor(i / 3) * 220, 60, '#f2a541')),
      path('M700 1067 L740 820 L860 820 L900 1067 Z', '#111827'),
      rect(680, 790, 240, 40, '#f2a541', { rx: 8 }),
    ]),

  // Rain over a street drain: the stormwater fee.
  stormwater: () =>
    scene(['#7d8ca3', '#b7c3d0'], '#4a4e57', [
      ellipse(520, 230, 260, 110, '#e5e9ee'),
      ellipse(760, 200, 240, 120, '#f1f4f7'),
      ellipse(1080, 260, 280, 110, '#e5e9ee'),
      scatter(90, 11, [250, 360, 1100, 400], (x, y) => rect(x, y, 8, 42, '#5bc0eb', { rx: 4 })),
      rect(560, 840, 480, 140, '#2a2d34', { rx: 12 }),
      times(7, (i) => rect(590 + i * 64, 860, 30, 100, '#5a606b', { rx: 6 })),
    ]),

  // A city bus at night under street lights.
  'night-bus': () =>
    scene(['#0f1b3d', '#283a6b'], '#1a1a2e', [
      scatter(60, 3, [0, 0, 1600, 500], (x, y, r) => circle(x, y, 2 + r * 3, '#fdf6e3')),
      rect(160, 300, 14, 470, '#394867'),
      circle(167, 300, 34, '#ffd23f'),
      rect(1420, 300, 14, 470, '#394867'),
      circle(1427, 300, 34, '#ffd23f'),
      rect(330, 480, 940, 330, '#e63946', { rx: 40 }),
      times(5, (i) => rect(380 + i * 170, 520, 140, 120, '#fdf6e3', { rx: 14 })),
      circle(500, 820, 60, '#0b1020'),
      circle(1100, 820, 60, '#0b1020'),
    ]),
};

// Head-and-shoulders shapes in each author's colours; abstract on purpose, no faces and no initials.
function portrait(background: string, figure: string, accent: string): Promise<Buffer> {
  const S = 480;
  return rasterise(
    S,
    S,
    [
      rect(0, 0, S, S, background),
      circle(360, 110, 70, accent, { opacity: 0.6 }),
      circle(240, 190, 92, figure),
      path('M70 480 C80 340 160 300 240 300 C320 300 400 340 410 480 Z', figure),
    ].join(''),
  );
}

drawings['portrait-amber'] = () => portrait('#f4a259', '#5b3a29', '#fde4cf');
drawings['portrait-teal'] = () => portrait('#3d9a8b', '#173f3a', '#c7f0e8');
drawings['portrait-violet'] = () => portrait('#8e7dbe', '#2f2552', '#e6e0f8');
drawings['portrait-slate'] = () => portrait('#7f8fa6', '#2b3442', '#e3e8ef');

// The masthead's wordmark: a river under a rising sun beside the name, on white, wide as mastheads are.
drawings['ledger-logo'] = () =>
  rasterise(
    960,
    200,
    rect(0, 0, 960, 200, '#ffffff') +
      circle(100, 92, 46, '#9b1c1c') +
      path('M30 130 q35 -22 70 0 t70 0 v16 q-35 -22 -70 0 t-70 0 z', '#1d4e89') +
      path('M30 160 q35 -22 70 0 t70 0 v16 q-35 -22 -70 0 t-70 0 z', '#1d4e89') +
      '<text x="200" y="128" font-family="Georgia,DejaVu Serif,serif" font-size="76" font-weight="700" fill="#111111">The Riverside Ledger</text>',
  );

/** Draws the named demo picture; throws for a name no drawing answers to (a typo in the content). */
export function drawDemoImage(name: string): Promise<Buffer> {
  const draw = drawings[name];
  if (!draw) throw new Error(`No demo drawing named ${name}`);
  return draw();
}

export const demoDrawingNames = Object.keys(drawings);

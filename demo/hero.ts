// The demo's pictures, drawn here as flat SVG and rasterised by sharp: a stand-in for the reference
// article's photograph (whose rights we do not hold), one illustration per demo story, and author portraits.
import sharp from 'sharp';

type Shapes = string;

function svg(width: number, height: number, body: Shapes): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`,
  );
}

// JPEG at high quality: the import re-encodes every picture anyway, and JPEG decodes fastest.
async function rasterise(width: number, height: number, body: Shapes): Promise<Buffer> {
  return sharp(svg(width, height, body)).jpeg({ quality: 92 }).toBuffer();
}

function gradient(id: string, stops: string[], vertical = true): Shapes {
  const step = stops.length > 1 ? 100 / (stops.length - 1) : 0;
  const points = stops.map((c, i) => `<stop offset="${(i * step).toFixed(1)}%" stop-color="${c}"/>`).join('');
  const direction = vertical ? 'x1="0" y1="0" x2="0" y2="1"' : 'x1="0" y1="0" x2="1" y2="0"';
  return `<linearGradient id="${id}" ${direction}>${points}</linearGradient>`;
}

// A repeatable scatter (snowflakes, stars, litter) so the same seed draws the same picture every start.
function scatter(count: number, seed: number, area: [number, number, number, number], dot: (x: number, y: number, r: number) => string) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const [x0, y0, w, h] = area;
  return Array.from({ length: count }, () => dot(x0 + next() * w, y0 + next() * h, next())).join('');
}

/** 2400 × 1600: a tracked vehicle on a snowy road under a low winter sky, birches and a far treeline. */
export function drawKharkivHero(): Promise<Buffer> {
  const W = 2400;
  const H = 1600;
  const wheels = [1020, 1180, 1340, 1500, 1660]
    .map((x) => `<circle cx="${x}" cy="1178" r="62" fill="#2b3036"/><circle cx="${x}" cy="1178" r="24" fill="#4a525a"/>`)
    .join('');
  const birches = [180, 300, 2080, 2230]
    .map(
      (x, i) =>
        `<rect x="${x}" y="${560 + i * 20}" width="${22 - i * 2}" height="${560 - i * 30}" fill="#e9ecec"/>` +
        `<rect x="${x}" y="${700 + i * 25}" width="${22 - i * 2}" height="10" fill="#3a3f44"/>` +
        `<rect x="${x}" y="${860 + i * 15}" width="${22 - i * 2}" height="8" fill="#3a3f44"/>`,
    )
    .join('');
  return rasterise(
    W,
    H,
    `<defs>${gradient('sky', ['#8e9eab', '#c3cdd3', '#e4e8ea'])}${gradient('snow', ['#f4f6f7', '#d9dfe3'])}</defs>
    <rect width="${W}" height="${H}" fill="url(#sky)"/>
    <circle cx="1720" cy="360" r="120" fill="#eef1f2" opacity="0.55"/>
    <path d="M0 880 L160 820 L320 860 L520 800 L720 850 L900 790 L1120 840 L1340 780 L1560 830 L1800 770
      L2020 830 L2240 790 L2400 820 L2400 960 L0 960 Z" fill="#5f6b73"/>
    <path d="M0 930 L240 900 L520 925 L860 895 L1200 930 L1600 900 L2000 935 L2400 905 L2400 1000 L0 1000 Z"
      fill="#7c878e"/>
    <rect y="960" width="${W}" height="${H - 960}" fill="url(#snow)"/>
    <path d="M880 1600 L1130 960 L1290 960 L1760 1600 Z" fill="#b9c0c4"/>
    <path d="M1010 1600 L1170 960 L1190 960 L1090 1600 Z" fill="#a3abb0"/>
    <path d="M1530 1600 L1240 960 L1260 960 L1640 1600 Z" fill="#a3abb0"/>
    ${birches}
    <path d="M860 1060 L940 960 L1240 930 L1330 860 L1560 860 L1640 930 L1780 950 L1840 1060 Z" fill="#4d5a48"/>
    <rect x="1360" y="820" width="150" height="44" rx="8" fill="#44503f"/>
    <rect x="1500" y="836" width="260" height="16" rx="6" fill="#3b4637"/>
    <rect x="900" y="1000" width="890" height="18" fill="#3d4839"/>
    <rect x="930" y="1110" width="820" height="136" rx="68" fill="#262a2e"/>
    ${wheels}
    ${scatter(260, 7, [0, 0, W, H], (x, y, r) => `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${(3 + r * 7).toFixed(1)}" fill="#ffffff" opacity="${(0.35 + r * 0.5).toFixed(2)}"/>`)}`,
  );
}

interface Palette {
  sky: [string, string];
  ground: string;
  accent: string;
  dark: string;
  light: string;
}

const ILLUSTRATION = { width: 1600, height: 1067 };

function scene(palette: Palette, motif: Shapes): Promise<Buffer> {
  const { width: W, height: H } = ILLUSTRATION;
  return rasterise(
    W,
    H,
    `<defs>${gradient('bg', palette.sky)}</defs><rect width="${W}" height="${H}" fill="url(#bg)"/>
    <rect y="${H * 0.72}" width="${W}" height="${H * 0.28}" fill="${palette.ground}"/>${motif}`,
  );
}

const drawings: Record<string, () => Promise<Buffer>> = {
  'kharkiv-hero': drawKharkivHero,
  // A domed civic building with columns: the council budget.
  'city-hall': () =>
    scene(
      { sky: ['#f3d9b1', '#f7ead6'], ground: '#c9a66b', accent: '#8c3b2e', dark: '#5b4636', light: '#fff8ee' },
      `<path d="M560 400 A240 200 0 0 1 1040 400 Z" fill="#8c3b2e"/><rect x="780" y="150" width="40" height="110" fill="#5b4636"/>
      <rect x="440" y="400" width="720" height="60" fill="#5b4636"/>
      ${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="${480 + i * 115}" y="470" width="50" height="300" fill="#fff8ee"/>`).join('')}
      <rect x="400" y="770" width="800" height="40" fill="#5b4636"/><rect x="360" y="810" width="880" height="30" fill="#8c3b2e"/>`,
    ),
  // A school lunch tray seen from above.
  'lunch-tray': () =>
    scene(
      { sky: ['#bfe3d0', '#e8f5ee'], ground: '#9fcfb5', accent: '#e4572e', dark: '#2e5e4e', light: '#ffffff' },
      `<rect x="330" y="230" width="940" height="600" rx="60" fill="#f2c14e"/>
      <rect x="380" y="280" width="500" height="500" rx="40" fill="#f7d98a"/>
      <rect x="920" y="280" width="300" height="230" rx="30" fill="#f7d98a"/><rect x="920" y="550" width="300" height="230" rx="30" fill="#f7d98a"/>
      <circle cx="630" cy="530" r="170" fill="#ffffff"/><circle cx="630" cy="530" r="110" fill="#e4572e"/>
      <circle cx="1070" cy="395" r="80" fill="#d7263d"/><rect x="1064" y="300" width="12" height="40" fill="#2e5e4e"/>
      <rect x="990" y="590" width="160" height="150" rx="10" fill="#ffffff"/><path d="M990 590 L1070 540 L1150 590 Z" fill="#3f88c5"/>`,
    ),
  // Bags of litter on a riverbank, water running past.
  'river-bank': () =>
    scene(
      { sky: ['#a7d3e8', '#e3f2f8'], ground: '#6d9f5b', accent: '#1f6f8b', dark: '#2f4f2f', light: '#ffffff' },
      `<path d="M0 640 C300 600 500 700 800 660 C1100 620 1300 700 1600 650 L1600 900 C1300 950 1000 860 700 910 C400 960 200 880 0 920 Z"
        fill="#1f6f8b"/>
      ${[0, 1, 2, 3].map((i) => `<path d="M${120 + i * 380} ${760 + (i % 2) * 40} q90 -40 180 0" stroke="#cfe8f3" stroke-width="14" fill="none"/>`).join('')}
      ${[0, 1, 2, 3, 4].map((i) => `<ellipse cx="${980 + i * 110}" cy="${960 - (i % 2) * 30}" rx="70" ry="80" fill="#2b2d42"/>`).join('')}
      <path d="M0 420 L200 360 L420 430 L640 350 L900 420 L1180 360 L1400 420 L1600 380 L1600 640 L0 640 Z" fill="#2f4f2f"/>`,
    ),
  // Two kayaks on a calm river at morning.
  'river-kayaks': () =>
    scene(
      { sky: ['#f6c89f', '#fbe7d3'], ground: '#2c7a96', accent: '#f25c54', dark: '#1b3b4b', light: '#ffffff' },
      `<circle cx="1200" cy="420" r="140" fill="#ffd6a5"/>
      <path d="M0 600 L300 520 L560 590 L860 510 L1140 600 L1400 530 L1600 580 L1600 770 L0 770 Z" fill="#1b3b4b"/>
      <path d="M260 880 Q600 820 940 880 Q600 920 260 880 Z" fill="#f25c54"/>
      <path d="M760 980 Q1100 920 1440 980 Q1100 1020 760 980 Z" fill="#f7b801"/>
      <rect x="420" y="790" width="300" height="14" rx="7" fill="#1b3b4b" transform="rotate(-12 570 797)"/>
      <rect x="930" y="890" width="300" height="14" rx="7" fill="#1b3b4b" transform="rotate(10 1080 897)"/>`,
    ),
  // A ballot box above a falling bar chart: turnout.
  'ballot-box': () =>
    scene(
      { sky: ['#d6d3f0', '#f0eff9'], ground: '#b8b3e0', accent: '#4b3f72', dark: '#2d2545', light: '#ffffff' },
      `${[0, 1, 2, 3, 4].map((i) => `<rect x="${220 + i * 120}" y="${300 + i * 80}" width="80" height="${470 - i * 80}" fill="#8a7fc7"/>`).join('')}
      <rect x="900" y="420" width="460" height="360" rx="20" fill="#4b3f72"/><rect x="1030" y="450" width="200" height="18" rx="9" fill="#2d2545"/>
      <rect x="1060" y="300" width="140" height="180" fill="#ffffff" transform="rotate(-8 1130 390)"/>`,
    ),
  // An empty lectern facing a screen: public meetings online.
  'meeting-screen': () =>
    scene(
      { sky: ['#2b3a55', '#3e5475'], ground: '#1c2638', accent: '#f2a541', dark: '#111827', light: '#e8eef7' },
      `<rect x="300" y="180" width="1000" height="560" rx="24" fill="#e8eef7"/><rect x="340" y="220" width="920" height="480" rx="12" fill="#9fb3cf"/>
      ${[0, 1, 2, 3, 4, 5].map((i) => `<circle cx="${460 + (i % 3) * 340}" cy="${340 + Math.floor(i / 3) * 220}" r="60" fill="#f2a541"/>`).join('')}
      <path d="M700 1067 L740 820 L860 820 L900 1067 Z" fill="#111827"/><rect x="680" y="790" width="240" height="40" rx="8" fill="#f2a541"/>`,
    ),
  // Rain over a street drain: the stormwater fee.
  stormwater: () =>
    scene(
      { sky: ['#7d8ca3', '#b7c3d0'], ground: '#4a4e57', accent: '#5bc0eb', dark: '#2a2d34', light: '#ffffff' },
      `<ellipse cx="520" cy="230" rx="260" ry="110" fill="#e5e9ee"/><ellipse cx="760" cy="200" rx="240" ry="120" fill="#f1f4f7"/>
      <ellipse cx="1080" cy="260" rx="280" ry="110" fill="#e5e9ee"/>
      ${scatter(90, 11, [250, 360, 1100, 400], (x, y) => `<rect x="${x.toFixed(0)}" y="${y.toFixed(0)}" width="8" height="42" rx="4" fill="#5bc0eb"/>`)}
      <rect x="560" y="840" width="480" height="140" rx="12" fill="#2a2d34"/>
      ${[0, 1, 2, 3, 4, 5, 6].map((i) => `<rect x="${590 + i * 64}" y="860" width="30" height="100" rx="6" fill="#5a606b"/>`).join('')}`,
    ),
  // A city bus at night under street lights.
  'night-bus': () =>
    scene(
      { sky: ['#0f1b3d', '#283a6b'], ground: '#1a1a2e', accent: '#ffd23f', dark: '#0b1020', light: '#fdf6e3' },
      `${scatter(60, 3, [0, 0, 1600, 500], (x, y, r) => `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${(2 + r * 3).toFixed(1)}" fill="#fdf6e3"/>`)}
      <rect x="160" y="300" width="14" height="470" fill="#394867"/><circle cx="167" cy="300" r="34" fill="#ffd23f"/>
      <rect x="1420" y="300" width="14" height="470" fill="#394867"/><circle cx="1427" cy="300" r="34" fill="#ffd23f"/>
      <rect x="330" y="480" width="940" height="330" rx="40" fill="#e63946"/>
      ${[0, 1, 2, 3, 4].map((i) => `<rect x="${380 + i * 170}" y="520" width="140" height="120" rx="14" fill="#fdf6e3"/>`).join('')}
      <circle cx="500" cy="820" r="60" fill="#0b1020"/><circle cx="1100" cy="820" r="60" fill="#0b1020"/>`,
    ),
};

// Head-and-shoulders shapes in each author's colours; abstract on purpose, no faces and no initials.
function portrait(background: string, figure: string, accent: string): Promise<Buffer> {
  const S = 480;
  return rasterise(
    S,
    S,
    `<rect width="${S}" height="${S}" fill="${background}"/>
    <circle cx="360" cy="110" r="70" fill="${accent}" opacity="0.6"/>
    <circle cx="240" cy="190" r="92" fill="${figure}"/>
    <path d="M70 480 C80 340 160 300 240 300 C320 300 400 340 410 480 Z" fill="${figure}"/>`,
  );
}

drawings['portrait-amber'] = () => portrait('#f4a259', '#5b3a29', '#fde4cf');
drawings['portrait-teal'] = () => portrait('#3d9a8b', '#173f3a', '#c7f0e8');
drawings['portrait-violet'] = () => portrait('#8e7dbe', '#2f2552', '#e6e0f8');
drawings['portrait-slate'] = () => portrait('#7f8fa6', '#2b3442', '#e3e8ef');

/** Draws the named demo picture; throws for a name no drawing answers to (a typo in the content). */
export function drawDemoImage(name: string): Promise<Buffer> {
  const draw = drawings[name];
  if (!draw) throw new Error(`No demo drawing named ${name}`);
  return draw();
}

export const demoDrawingNames = Object.keys(drawings);

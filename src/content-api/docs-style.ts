// The reference page's few styles, served as a stylesheet of its own: the CSP allows no inline style.
export const DOCS_CSS = `
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem;color:#1a1a1a}
h1{font-size:1.8rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}h3{margin-top:2rem}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}
.method{background:#0b5;color:#fff;padding:.1rem .4rem;border-radius:.2rem;margin-right:.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;border-bottom:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
nav ul{columns:2}
`;

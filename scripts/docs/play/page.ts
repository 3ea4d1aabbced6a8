/**
 * The interactive page's HTML and style sheet. The page loads only files next to it (`play.js`,
 * `play.css`): no network access, so it works offline and from `file://`.
 * @module
 */

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe to place inside a `<script type="application/json">` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Options of the page. */
export interface PageOptions {
  /** Link to the site's home page, if the page is part of a site. */
  readonly home?: string;
}

/** The page, with the build's data (`PlayData`) embedded. */
export function playHtml(data: unknown, options: PageOptions = {}): string {
  const home = options.home ? `<a href="${escapeHtml(options.home)}">Home</a> · ` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Run the model — onem2m-hsm</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="play.css">
<script src="play.js" defer></script>
</head>
<body>
<header>
<nav>${home}<span>Interactive model</span></nav>
<h1>Run the model</h1>
<p>This page runs the project's statecharts (the device HSM and the Server-HSM machines) in the browser. Choose a
countermeasure set, the mechanisms' settings and an attacker, then send events by clicking them, or load an attack
trace found by exploration and step through it. The invariants and threat goals are evaluated on every state.
Changing the configuration replays the same events under it: events the new configuration refuses leave the state unchanged.</p>
<noscript><p class="bad">This page needs JavaScript to run the model.</p></noscript>
</header>
<main>
<section id="config-panel" aria-labelledby="config-title">
<h2 id="config-title">Configuration</h2>
<label for="model">Model</label> <select id="model"></select>
<fieldset id="cms"><legend>Countermeasures in force</legend></fieldset>
<p id="inert"></p>
<label for="profile">Attacker</label> <select id="profile"></select>
<fieldset id="settings"><legend>Mechanisms and assumptions</legend></fieldset>
</section>
<section id="trace-panel" aria-labelledby="trace-title">
<h2 id="trace-title">Run</h2>
<label for="trace-select">Load an attack trace</label>
<select id="trace-select"></select>
<p id="trace-info"></p>
<div class="stepper">
<button type="button" id="step-first">« first</button>
<button type="button" id="step-prev">‹ back</button>
<button type="button" id="step-next">forward ›</button>
<button type="button" id="step-last">last »</button>
<button type="button" id="clear">clear events</button>
<span id="position" aria-live="polite"></span>
</div>
<ol id="trace-steps"></ol>
</section>
<section id="properties-panel" aria-labelledby="properties-title">
<h2 id="properties-title">Invariants</h2>
<ul id="invariants"></ul>
<h2>Threat goals</h2>
<ul id="goals"></ul>
</section>
<section id="state-panel" aria-labelledby="state-title">
<h2 id="state-title">Current state</h2>
<div id="state"></div>
</section>
<section id="events-panel" aria-labelledby="events-title">
<h2 id="events-title">Events</h2>
<p>Enabled events can be sent; greyed ones have no enabled transition in this state.</p>
<div id="events"></div>
</section>
</main>
<script type="application/json" id="play-data">${scriptJson(data)}</script>
</body>
</html>
`;
}

/** The page's style sheet. */
export const PLAY_CSS = `:root { font-family: system-ui, sans-serif; color: #1b1f24; background: #fafafa; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; }
header p { max-width: 70em; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 0.75rem 1rem; }
#events-panel { grid-column: 1 / -1; }
h1 { margin: 0.3rem 0; } h2 { font-size: 1.1rem; margin: 0.3rem 0 0.5rem; }
fieldset { border: 1px solid #d0d7de; margin: 0.5rem 0; }
#cms label { display: block; } #inert { font-size: 0.85rem; color: #9a6700; } #inert span { display: block; } #cms small { color: #57606a; }
#settings { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.5rem; align-items: center; }
select { max-width: 100%; }
#trace-select { width: 100%; margin: 0.25rem 0; } #trace-info { font-size: 0.9rem; color: #57606a; margin: 0.2rem 0; }
.stepper { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin: 0.3rem 0; }
#trace-steps li.todo { color: #8c959f; } .broke { color: #cf222e; }
#trace-steps li[data-current] { font-weight: bold; }
#trace-steps li[data-outcome="refused"] code, #trace-steps li[data-outcome="unavailable"] code { text-decoration: line-through; }
ul#invariants, ul#goals { list-style: none; padding: 0; margin: 0; }
#invariants li, #goals li { padding: 0.2rem 0.3rem; border-radius: 4px; margin: 0.15rem 0; }
li.bad { background: #ffebe9; } li.good { background: #dafbe1; }
.badge { display: inline-block; min-width: 8.5em; font-size: 0.8rem; font-weight: bold; text-transform: uppercase; }
li.bad .badge { color: #cf222e; } li.good .badge { color: #1a7f37; }
table { border-collapse: collapse; margin: 0.4rem 0; width: 100%; }
caption { text-align: left; font-weight: bold; }
th, td { border: 1px solid #d0d7de; padding: 0.15rem 0.4rem; text-align: left; vertical-align: top; font-size: 0.9rem; }
th[scope="row"] { width: 40%; font-weight: normal; color: #57606a; }
.fact { display: inline-block; background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: 0 0.3rem; margin: 0 0.2rem; }
#events { display: flex; flex-wrap: wrap; gap: 0.3rem; }
#events button { font-family: ui-monospace, monospace; font-size: 0.8rem; }
#events button:disabled { opacity: 0.45; }
.bad { color: #cf222e; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; } }
`;

/**
 * Entry point of the interactive page's bundle: builds the configuration form, keeps the run
 * (configuration, events, position) and renders it after every change. The data the build
 * computed (attack traces, countermeasure titles) is read from the page's `#play-data` element.
 * @module
 */
import type { EventObject } from 'xstate';
import { PROFILE_IDS, type ProfileId } from '../../../model/config.ts';
import { PROFILES } from '../../../model/attacker.ts';
import { DEFAULT_SETTINGS, SWITCHES, type Settings } from '../../../model/settings.ts';
import { COUNTERMEASURE_IDS, type CountermeasureId } from '../../../spec/ids.ts';
import type { PlayTrace } from '../play-traces.ts';
import { eventsOf, goalStatus, inertOf, invariantStatus, isEnabled, machineOf, mechanismsOf, type PlayConfig, type PlayModel, runEvents } from './session.ts';
import { h, renderEvents, renderProperties, renderState, renderSteps } from './view.ts';

/** What the build puts into `#play-data`. */
export interface PlayData {
  readonly traces: readonly PlayTrace[];
  readonly cmTitles: Readonly<Record<CountermeasureId, string>>;
}

const $ = (id: string) => document.getElementById(id)!;
const data = JSON.parse($('play-data').textContent ?? '{}') as PlayData;

let config: PlayConfig = { model: 'device', cms: [...COUNTERMEASURE_IDS], profile: 'physical', settings: {} };
let events: EventObject[] = [];
let position = 0;

/** Builds the form controls once. */
function buildForm(): void {
  const model = $('model') as HTMLSelectElement;
  model.append(
    h('option', { value: 'device' }, 'device with its HSM (T1, T2, T3, T6)'),
    h('option', { value: 'server' }, 'infrastructure equipment with its Server-HSM (T4, T5)'),
  );
  for (const cm of COUNTERMEASURE_IDS) {
    $('cms').append(
      h(
        'label',
        { title: data.cmTitles[cm] },
        h('input', { type: 'checkbox', 'data-cm': cm, id: `cm-${cm}` }),
        ` ${cm}`,
        h('small', {}, ` ${data.cmTitles[cm]}`),
      ),
    );
  }
  const profile = $('profile') as HTMLSelectElement;
  for (const p of PROFILE_IDS) profile.append(h('option', { value: p }, `${p}: ${PROFILES[p].description}`));
  for (const s of SWITCHES) {
    const select = h(
      'select',
      { 'data-setting': s.setting, id: `setting-${s.setting}` },
      ...s.values.map((v, i) => h('option', { value: String(v) }, `${String(v)}${i === 0 ? ' (default)' : ''}`)),
    );
    $('settings').append(h('label', { for: `setting-${s.setting}` }, h('code', {}, s.id), ` ${s.setting}`), select);
  }
  const traces = $('trace-select') as HTMLSelectElement;
  traces.append(h('option', { value: '' }, '— none: send events yourself —'));
  for (const t of data.traces) traces.append(h('option', { value: t.id, 'data-goal': t.goal, 'data-kind': t.kind }, t.title));
  for (const id of ['model', 'profile']) $(id).addEventListener('change', () => readForm());
  $('cms').addEventListener('change', () => readForm());
  $('settings').addEventListener('change', () => readForm());
  traces.addEventListener('change', () => loadTrace(traces.value));
  $('step-first').addEventListener('click', () => go(0));
  $('step-prev').addEventListener('click', () => go(position - 1));
  $('step-next').addEventListener('click', () => go(position + 1));
  $('step-last').addEventListener('click', () => go(events.length));
  $('clear').addEventListener('click', () => {
    events = [];
    (traces as HTMLSelectElement).value = '';
    go(0);
  });
}

/** Shows `config` in the form. */
function writeForm(): void {
  ($('model') as HTMLSelectElement).value = config.model;
  ($('profile') as HTMLSelectElement).value = config.profile;
  for (const box of $('cms').querySelectorAll<HTMLInputElement>('input[data-cm]')) box.checked = config.cms.includes(box.dataset.cm as CountermeasureId);
  const settings = { ...DEFAULT_SETTINGS, ...config.settings };
  for (const sel of $('settings').querySelectorAll<HTMLSelectElement>('select[data-setting]'))
    sel.value = String(settings[sel.dataset.setting as keyof Settings]);
}

/** Reads the configuration from the form and runs the same events under it. */
function readForm(): void {
  const settings: Record<string, string | boolean> = {};
  for (const sel of $('settings').querySelectorAll<HTMLSelectElement>('select[data-setting]')) {
    const sw = SWITCHES.find((s) => s.setting === sel.dataset.setting)!;
    settings[sw.setting] = sw.values.find((v) => String(v) === sel.value) ?? sw.values[0]!;
  }
  config = {
    model: ($('model') as HTMLSelectElement).value as PlayModel,
    profile: ($('profile') as HTMLSelectElement).value as ProfileId,
    cms: COUNTERMEASURE_IDS.filter((cm) => ($(`cm-${cm}`) as HTMLInputElement).checked),
    settings: settings as Partial<Settings>,
  };
  render();
}

/** Loads a trace: its configuration and its events, positioned at the initial state. */
function loadTrace(id: string): void {
  const t = data.traces.find((x) => x.id === id);
  if (!t) return;
  config = { ...t.config, settings: {} };
  events = [...t.events];
  writeForm();
  go(0);
}

/** Shows the state after `p` events. */
function go(p: number): void {
  position = Math.max(0, Math.min(events.length, p));
  render();
}

/** Sends `e` in the state shown: later events of the run are dropped. */
function send(e: EventObject): void {
  events = [...events.slice(0, position), e];
  position = events.length;
  render();
}

/** Renders the run at the current position. */
function render(): void {
  const run = runEvents(config, events);
  const s = run.states[position]!;
  const machine = machineOf(config.model);
  $('state').replaceChildren(...renderState(s, mechanismsOf(s)));
  $('invariants').replaceChildren(...renderProperties('invariant', invariantStatus(config.model, s)));
  $('goals').replaceChildren(...renderProperties('goal', goalStatus(config.model, s)));
  $('events').replaceChildren(...renderEvents(eventsOf(config), (e) => isEnabled(machine, s, e), send));
  const trace = data.traces.find((t) => t.id === ($('trace-select') as HTMLSelectElement).value);
  $('trace-info').textContent = trace
    ? `${trace.title}. Found by exploring ${trace.config.model} under ${trace.config.cms.join(', ') || 'no countermeasure'} against the ${trace.config.profile} attacker; it is replayed here under the configuration chosen.`
    : '';
  const broken = run.states.slice(1).map((x) =>
    invariantStatus(config.model, x)
      .filter((i) => !i.holds)
      .map((i) => i.id),
  );
  const inert = inertOf(config);
  $('inert').replaceChildren(
    ...(inert.length
      ? [h('strong', {}, 'Chosen but inert here: '), ...inert.map((i) => h('span', { 'data-inert': i.cm, title: i.reason }, `${i.cm} (${i.reason}) `))]
      : []),
  );
  $('trace-steps').replaceChildren(...renderSteps(events, run.outcomes, position, broken));
  $('position').textContent = `state after ${position} of ${events.length} event${events.length === 1 ? '' : 's'}`;
  ($('step-prev') as HTMLButtonElement).disabled = position === 0;
  ($('step-first') as HTMLButtonElement).disabled = position === 0;
  ($('step-next') as HTMLButtonElement).disabled = position === events.length;
  ($('step-last') as HTMLButtonElement).disabled = position === events.length;
  document.body.dataset.position = String(position);
  document.body.dataset.ready = 'true';
}

buildForm();
writeForm();
render();

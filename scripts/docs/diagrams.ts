/**
 * The statechart pages: every explored machine (device with its HSM, infrastructure equipment
 * with its Server-HSM, the management protocol of @clause CM6) drawn as SVG when the site is
 * built, from the machine definition (`dot.ts`) through Graphviz compiled to WebAssembly
 * (`@viz-js/viz`), inlined in its page.
 * @module
 */
import { instance } from '@viz-js/viz';
import type { AnyStateMachine } from 'xstate';
import { deviceMachine } from '../../model/device.machine.ts';
import { protocolMachine } from '../../model/protocol.machine.ts';
import { serverMachine } from '../../model/server.machine.ts';
import { GOALS, INVARIANTS } from '../../proofs/properties.ts';
import { PROTOCOL_INVARIANTS } from '../../proofs/protocol.ts';
import { esc, list, type Page } from './html.ts';
import { linksTo } from './links.ts';
import { machineToDot, stateNames } from './dot.ts';

/** The machines drawn, with their page name and what they model. */
export const MACHINES: readonly { readonly name: string; readonly file: string; readonly machine: AnyStateMachine; readonly about: string }[] = [
  { name: 'device', file: 'model/device.machine.ts', machine: deviceMachine, about: 'The M2M Device / Gateway with its HSM (CM1, CM4, CM5, CM6).' },
  { name: 'server', file: 'model/server.machine.ts', machine: serverMachine, about: 'Infrastructure equipment with its Server-HSM (CM2, CM3, CM4, CM6).' },
  { name: 'protocol', file: 'model/protocol.machine.ts', machine: protocolMachine, about: 'The management protocol of CM6 under a network attacker.' },
];

/** The diagram pages and their index. */
export async function diagramPages(): Promise<Page[]> {
  const viz = await instance();
  const pages: Page[] = MACHINES.map((m) => {
    const dot = machineToDot(m.machine);
    const svg = viz
      .renderString(dot, { format: 'svg' })
      .replace(/^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?/, '')
      .replace('<svg ', `<svg data-machine="${esc(m.machine.id)}" `);
    const goals = GOALS.filter((g) => g.scope === m.name).map((g) => g.id);
    const invs = [...INVARIANTS.filter((i) => (i.scopes as readonly string[]).includes(m.name)), ...(m.name === 'protocol' ? PROTOCOL_INVARIANTS : [])].map(
      (i) => i.id,
    );
    const body = `
<p>${esc(m.about)} Drawn from <code>${esc(m.file)}</code> (machine id <code>${esc(m.machine.id)}</code>). Boxes are states (a solid frame holds parallel regions, a rounded one a state's sub-states), arrows are transitions labelled <code>EVENT [guard]</code>; events listed inside a state are handled there without leaving it.</p>
<p>States: ${stateNames(m.machine)
      .map((s) => `<code>${esc(s)}</code>`)
      .join(', ')}</p>
<p>${goals.length ? `Threat goals on it: ${linksTo(goals)} · ` : ''}Invariants: ${linksTo(invs)}</p>
<div class="diagram">${svg}</div>
<details><summary>DOT source</summary><pre>${esc(dot)}</pre></details>`;
    return { file: `diagram-${m.name}.html`, title: `Statechart: ${m.name}`, body };
  });
  pages.push({
    file: 'diagrams.html',
    title: 'Statecharts',
    body: list(MACHINES.map((m) => `<a href="diagram-${m.name}.html">${esc(m.name)}</a>: ${esc(m.about)}`)),
  });
  return pages;
}

// The what-if page: reads the embedded recorded results and shows which threats open under the
// chosen countermeasures and CM5 means. Generated site asset (scripts/docs/assets/whatif.js).
(() => {
  const data = JSON.parse(document.getElementById('whatif-data').textContent);
  const boxes = [...document.querySelectorAll('input[name=cm]')];
  const cm5 = document.getElementById('cm5');
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const mask = () => boxes.reduce((m, b, i) => (b.checked ? m | (1 << i) : m), 0);
  const config = (model, profile) => data.variants[Number(cm5.value)].configs.find((c) => c[0] === model && c[1] === profile && c[2] === mask());
  const showTrace = (title, ref) => {
    const t = data.traces[ref];
    let before = t.initial;
    const rows = t.steps
      .map((s, i) => {
        const r = `<tr><td>${i + 1}</td><td><code>${esc(before)}</code></td><td><code>${esc(s.event)}</code></td><td><code>${esc(s.value)}</code></td><td>${s.changed.map((c) => `<code>${esc(c)}</code>`).join('<br>') || '—'}</td><td>${s.broke.map((b) => `<a class="bad" href="invariants.html#${b}">${b}</a>`).join('<br>') || '—'}</td></tr>`;
        before = s.value;
        return r;
      })
      .join('');
    document.getElementById('trace').innerHTML =
      `<p>${esc(title)}</p><table class="trace"><thead><tr><th>#</th><th>state before</th><th>event</th><th>state after</th><th>changed</th><th>invariant broken</th></tr></thead><tbody>${rows}</tbody></table>`;
  };
  const render = () => {
    const set = data.countermeasures.filter((_, i) => mask() & (1 << i));
    const head = `<tr><th>threat</th><th>listed by the text</th>${data.profiles.map((p) => `<th>${p}</th>`).join('')}</tr>`;
    const rows = data.goals
      .map((g) => {
        const cells = data.profiles
          .map((p) => {
            const c = config(g.scope, p);
            const ref = c ? c[3][g.id] : undefined;
            return ref === undefined
              ? '<td class="good">stopped</td>'
              : `<td class="bad"><a href="#trace" data-ref="${ref}" data-title="${esc(`${g.id}, ${p} attacker, with {${set.join(', ')}}, CM5 ${data.variants[Number(cm5.value)].cm5Means}`)}">open (${data.traces[ref].steps.length} steps)</a></td>`;
          })
          .join('');
        return `<tr><td><a href="threat-${g.id}.html">${g.id}</a>: ${esc(g.title)}</td><td>${g.listed.join(', ')}</td>${cells}</tr>`;
      })
      .join('');
    document.getElementById('threats').innerHTML = `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`;
    const inv = [];
    for (const model of ['device', 'server'])
      for (const p of data.profiles) {
        const c = config(model, p);
        for (const [id, ref] of Object.entries(c ? c[4] : {}))
          inv.push(
            `<li><a href="invariants.html#${id}">${id}</a> (${model}, ${p}): <a href="#trace" data-ref="${ref}" data-title="${esc(`${id} violated, ${model}, ${p} attacker`)}">trace</a></li>`,
          );
      }
    document.getElementById('invariants').innerHTML = inv.length ? `<ul>${inv.join('')}</ul>` : '<p class="good">none</p>';
    for (const a of document.querySelectorAll('a[data-ref]')) a.addEventListener('click', () => showTrace(a.dataset.title, Number(a.dataset.ref)));
  };
  const setAll = (pred) => {
    for (const b of boxes) b.checked = pred(b.value);
    render();
  };
  document.getElementById('all').addEventListener('click', () => setAll(() => true));
  document.getElementById('none').addEventListener('click', () => setAll(() => false));
  document.getElementById('listed').addEventListener('click', () => {
    const g = data.goals.find((x) => x.id === document.getElementById('listedFor').value);
    setAll((c) => g.listed.includes(c));
  });
  for (const b of boxes) b.addEventListener('change', render);
  cm5.addEventListener('change', render);
  render();
})();

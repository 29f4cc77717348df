// The report's script: find an actor, filter by area, sector and relation type, an actor's
// profile, sortable tables and a CSV download for each. It reads only the page (no request leaves
// it) and writes user text only through textContent, never as markup. Its words come translated
// in the page data (data.words), from the same catalogue as the rest of the report.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('page-data').textContent);
  const words = data.words;
  const byNode = new Map();
  const byName = new Map();
  for (const actor of data.actors) {
    byNode.set(actor.node, actor);
    byName.set(actor.name.toLowerCase(), actor);
    byName.set(actor.id.toLowerCase(), actor);
  }
  const nodes = Array.from(document.querySelectorAll('figure.drawing svg g.node'));
  const actorOf = (g) => {
    const title = g.querySelector('title');
    return title ? byNode.get(title.textContent.trim()) : undefined;
  };

  // Find an actor: its nodes get the class "found" and scroll into view.
  const find = document.getElementById('find');
  function highlight(actor) {
    for (const g of nodes) {
      g.classList.toggle('found', actor !== undefined && actorOf(g) === actor);
    }
    if (actor) {
      const first = nodes.find((g) => actorOf(g) === actor);
      if (first && first.scrollIntoView) {
        first.scrollIntoView({ block: 'center', inline: 'center' });
      }
    }
  }
  function search() {
    const wanted = find.value.trim().toLowerCase();
    let actor = byName.get(wanted);
    if (!actor && wanted.length >= 3) {
      actor = data.actors.find((a) => a.name.toLowerCase().includes(wanted));
    }
    highlight(actor);
    return actor;
  }
  find.addEventListener('input', search);
  find.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      const actor = search();
      if (actor) {
        showProfile(actor);
      }
    }
  });

  // Filters dim every actor outside the chosen area or sector.
  const area = document.getElementById('filter-area');
  const sector = document.getElementById('filter-sector');
  function filter() {
    for (const g of nodes) {
      const actor = actorOf(g);
      if (!actor) {
        continue;
      }
      const keep = (!area.value || actor.area === area.value) &&
                   (!sector.value || actor.sector === sector.value);
      g.classList.toggle('dimmed', !keep);
    }
  }
  area.addEventListener('change', filter);
  sector.addEventListener('change', filter);

  // The relation-type filter dims every tie of another type (each tie's SVG id is "r" and its
  // place in the map's relations).
  const type = document.getElementById('filter-type');
  const edges = Array.from(document.querySelectorAll('figure.drawing svg g.edge'));
  function filterTies() {
    for (const g of edges) {
      const match = /^r(\d+)$/.exec(g.id);
      const relationType = match ? data.relation_types[Number(match[1])] : undefined;
      g.classList.toggle('dimmed', Boolean(type.value) && relationType !== type.value);
    }
  }
  if (type) {
    type.addEventListener('change', filterTies);
  }

  // An actor's profile: who it is, its measures, its partners.
  const profile = document.getElementById('profile');
  function line(parent, tag, text) {
    const element = document.createElement(tag);
    element.textContent = text;
    parent.appendChild(element);
    return element;
  }
  function showProfile(actor) {
    profile.textContent = '';
    const close = line(profile, 'button', words.close);
    close.type = 'button';
    close.addEventListener('click', () => { profile.hidden = true; find.focus(); });
    line(profile, 'h2', actor.name);
    line(profile, 'p', [actor.kind, actor.area].filter(Boolean).join(' · '));
    if (actor.cut) {
      line(profile, 'p', words.single_point);
    }
    if (actor.measures) {
      const list = document.createElement('dl');
      for (const [key, value] of Object.entries(actor.measures)) {
        line(list, 'dt', key);
        line(list, 'dd', typeof value === 'number' ? value.toLocaleString(data.lang, { maximumSignificantDigits: 3 }) : String(value));
      }
      profile.appendChild(list);
    }
    const partners = (data.partners[actor.id] || []).map((id) => {
      const other = byName.get(id.toLowerCase());
      return other ? other.name : id;
    });
    if (partners.length) {
      line(profile, 'h3', words.ties_with);
      const list = document.createElement('ul');
      for (const name of Array.from(new Set(partners)).sort()) {
        line(list, 'li', name);
      }
      profile.appendChild(list);
    }
    profile.hidden = false;
    close.focus();
  }
  for (const g of nodes) {
    const actor = actorOf(g);
    if (!actor) {
      continue;
    }
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', actor.name);
    g.addEventListener('click', () => showProfile(actor));
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        showProfile(actor);
      }
    });
  }
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      profile.hidden = true;
    }
  });

  // Sortable tables (numbers read with either decimal mark) and a CSV download for each.
  const numberOf = (text) => {
    const cleaned = text.replace(/[\s%]/g, '').replace(it ? /\./g : /,/g, '').replace(',', '.');
    return cleaned !== '' && !isNaN(Number(cleaned)) ? Number(cleaned) : NaN;
  };
  for (const table of document.querySelectorAll('table.sortable')) {
    const headers = Array.from(table.querySelectorAll('th'));
    headers.forEach((th, column) => {
      th.tabIndex = 0;
      const sort = () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach((other) => other.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = a.cells[column] ? a.cells[column].textContent : '';
          const y = b.cells[column] ? b.cells[column].textContent : '';
          const nx = numberOf(x);
          const ny = numberOf(y);
          const order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, data.lang);
          return ascending ? order : -order;
        });
        rows.forEach((row) => body.appendChild(row));
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          sort();
        }
      });
    });
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'csv';
    button.textContent = words.download_csv;
    button.addEventListener('click', () => {
      const quote = (text) => {
        const safe = /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
        return /[",\n\r]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
      };
      const lines = Array.from(table.rows).map((row) =>
        Array.from(row.cells).map((cell) => quote(cell.textContent)).join(','));
      const blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'table.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });
    table.parentNode.insertBefore(button, table);
  }

  // #find=NAME in the address finds an actor on opening (used by links and by the tests).
  const hash = decodeURIComponent(location.hash || '');
  if (hash.startsWith('#find=')) {
    find.value = hash.slice(6);
    search();
  }
  document.body.dataset.ready = '1';
})();

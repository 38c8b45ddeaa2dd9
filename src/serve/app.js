// The page of `vanban serve`. Everything that comes from the documents (file names, titles,
// messages, YAML) is inserted as text (textContent, value), never as HTML.
'use strict';
(function () {
  const ui = JSON.parse(document.getElementById('vanban-ui').textContent);
  const T = ui.strings;
  const token = ui.token;
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  const count = (key, n) => T[key].replace('{n}', String(n));

  document.querySelectorAll('[data-t]').forEach((e) => { e.textContent = T[e.dataset.t] || ''; });

  let folders = [];
  let selected = null;
  let latestRev = 0;
  let editor = null;
  let editorDoc = null;
  let baseHash = null;

  // ---- the list ---------------------------------------------------------------------
  async function loadList() {
    const r = await fetch('/api/docs');
    if (r.ok) { folders = await r.json(); renderList(); }
  }

  function badge(d) {
    if (!d.compiled) return el('span', 'badge wait', T.compiling);
    if (d.errors > 0) return el('span', 'badge err', count('n_errors', d.errors));
    if (d.warnings > 0) return el('span', 'badge warn', count('n_warnings', d.warnings));
    return el('span', 'badge ok', T.built);
  }

  function renderList() {
    const host = $('doclist');
    host.replaceChildren();
    for (const f of folders) {
      host.appendChild(el('div', 'folder', f.folder));
      for (const d of f.docs) {
        const b = el('button', 'doc');
        b.type = 'button';
        b.dataset.id = d.id;
        b.dataset.file = d.file;
        b.dataset.errors = d.errors;
        b.dataset.warnings = d.warnings;
        if (d.id === selected) b.classList.add('selected');
        const head = el('span', 'kind', d.kind);
        b.appendChild(head);
        b.appendChild(badge(d));
        b.appendChild(el('span', 'title', d.title || d.file));
        b.appendChild(el('span', 'file', d.file));
        b.addEventListener('click', () => select(d.id));
        host.appendChild(b);
      }
    }
  }

  function findDoc(id) {
    for (const f of folders) for (const d of f.docs) if (d.id === id) return d;
    return null;
  }

  // ---- one document -----------------------------------------------------------------
  async function select(id) {
    if (editor && editorDoc && editorDoc !== id && !editor.isClean()) {
      $('editor-msg').textContent = T.unsaved;
      $('editor-msg').className = 'msg bad';
      return;
    }
    selected = id;
    latestRev = 0;
    history.replaceState(null, '', '#' + id);
    document.querySelectorAll('.doc').forEach((b) => b.classList.toggle('selected', b.dataset.id === id));
    $('pages').replaceChildren();
    $('pages').dataset.rev = '0';
    $('placeholder').hidden = true;
    const d = findDoc(id);
    $('doc-title').textContent = d ? (d.title || d.file) : '';
    $('edit-btn').disabled = false;
    for (const [a, fmt] of [['dl-pdf', 'pdf'], ['dl-docx', 'docx']]) {
      $(a).href = '/doc/' + encodeURIComponent(id) + '/download/' + fmt;
      $(a).setAttribute('download', '');
      $(a).classList.remove('disabled');
    }
    if (editor && !$('editor').hidden) await openEditor(id, null);
    await refresh();
  }

  async function refresh() {
    if (!selected) return;
    const r = await fetch('/doc/' + encodeURIComponent(selected) + '/state');
    if (r.ok) apply(await r.json());
  }

  function apply(st) {
    if (st.id !== selected || !st.compiled || st.rev <= latestRev) return;
    latestRev = st.rev;
    $('doc-title').textContent = st.title || (findDoc(st.id) || {}).file || '';
    renderErrors(st);
    renderWarnings(st);
    renderFigures(st);
    renderPages(st);
    if (editor && editorDoc === st.id && editor.isClean()) reloadEditorIfChanged();
  }

  // Pages live in fixed-size boxes; a changed page comes with the state over the WebSocket
  // (else it is fetched by its new hash), is decoded off the DOM and swapped in, so there is
  // no flicker and the scroll position stays. Changed pages are decoded one at a time, those
  // on screen first: a page's SVG takes the browser tens of milliseconds to decode, and
  // several at once would delay the one the clerk is looking at.
  async function renderPages(st) {
    const host = $('pages');
    const rev = st.rev;
    const svgs = st.svgs || {};
    while (host.children.length > st.pages.length) host.lastElementChild.remove();
    const changed = [];
    st.pages.forEach((p, i) => {
      let box = host.children[i];
      if (!box) { box = el('div', 'page'); host.appendChild(box); }
      box.style.aspectRatio = p.w + ' / ' + p.h;
      box.dataset.n = p.n;
      if (box.dataset.hash !== p.hash) changed.push([box, p]);
    });
    const view = $('viewer').getBoundingClientRect();
    const middle = (view.top + view.bottom) / 2;
    const away = (box) => {
      const r = box.getBoundingClientRect();
      if (r.bottom >= view.top && r.top <= view.bottom) return 0;
      return Math.abs((r.top + r.bottom) / 2 - middle);
    };
    changed.sort((a, b) => away(a[0]) - away(b[0]));
    const drop = (im) => { if (im && im.src.startsWith('blob:')) URL.revokeObjectURL(im.src); };
    for (const [box, p] of changed) {
      if (rev !== latestRev || st.id !== selected) return;
      const img = new Image();
      img.alt = T.page + ' ' + p.n;
      const pushed = svgs[p.hash];
      img.src = pushed !== undefined
        ? URL.createObjectURL(new Blob([pushed], { type: 'image/svg+xml' }))
        : '/doc/' + encodeURIComponent(st.id) + '/page/' + p.n + '.svg?h=' + p.hash;
      try { await img.decode(); } catch (e) { drop(img); continue; }
      if (rev !== latestRev || st.id !== selected) { drop(img); return; }
      drop(box.querySelector('img'));
      box.replaceChildren(img);
      box.dataset.hash = p.hash;
    }
    if (rev === latestRev && st.id === selected) host.dataset.rev = String(rev);
  }

  function diagItem(m, clickable) {
    const li = el('li', 'diag');
    let loc = m.file;
    if (m.line) loc += ':' + m.line + ':' + (m.col || 1);
    li.dataset.line = m.line || '';
    li.appendChild(el('span', 'loc', loc));
    li.appendChild(el('span', 'text', m.message));
    if (m.snippet) li.appendChild(el('pre', null, m.snippet));
    if (m.hint) li.appendChild(el('span', 'hint', T.hint + ': ' + m.hint));
    if (clickable && m.own && m.line) {
      li.classList.add('clickable');
      li.title = T.show_line;
      li.addEventListener('click', () => openEditor(selected, m.line));
    }
    return li;
  }

  function renderErrors(st) {
    const box = $('errors');
    const bad = st.errors.length > 0;
    $('pages').classList.toggle('stale', bad);
    box.hidden = !bad;
    box.replaceChildren();
    if (!bad) return;
    box.appendChild(el('h2', null, st.pages.length ? T.errors : T.errors_none_yet));
    const ul = el('ul');
    st.errors.forEach((m) => ul.appendChild(diagItem(m, true)));
    box.appendChild(ul);
  }

  function renderWarnings(st) {
    const box = $('warnings');
    box.replaceChildren();
    box.hidden = st.warnings.length === 0;
    if (box.hidden) return;
    box.appendChild(el('h2', null, T.warnings));
    const ul = el('ul');
    st.warnings.forEach((m) => ul.appendChild(diagItem(m, true)));
    box.appendChild(ul);
  }

  function renderFigures(st) {
    const body = $('figure-table').tBodies[0];
    body.replaceChildren();
    if (!st.figures.length) {
      const tr = el('tr');
      const td = el('td', null, T.no_figures);
      td.colSpan = 2;
      tr.appendChild(td);
      body.appendChild(tr);
      return;
    }
    for (const f of st.figures) {
      const tr = el('tr');
      tr.dataset.name = f.name;
      tr.dataset.value = f.value;
      const cell = el('td', 'fig');
      const name = el('span', 'name', f.name);
      name.title = '{{' + f.name + '}}';
      name.addEventListener('click', () => {
        if (navigator.clipboard) {
          navigator.clipboard.writeText('{{' + f.name + '}}').then(() => {
            name.textContent = T.copied;
            setTimeout(() => { name.textContent = f.name; }, 900);
          }, () => {});
        }
      });
      cell.appendChild(name);
      cell.appendChild(el('span', 'how', f.how));
      tr.appendChild(cell);
      tr.appendChild(el('td', 'value', f.value));
      body.appendChild(tr);
    }
  }

  // ---- the editing pane -------------------------------------------------------------
  function editorMsg(text, bad) {
    $('editor-msg').textContent = text;
    $('editor-msg').className = bad ? 'msg bad' : 'msg';
  }

  async function fetchSource(id) {
    const r = await fetch('/doc/' + encodeURIComponent(id) + '/source');
    return r.ok ? r.json() : null;
  }

  async function openEditor(id, line) {
    if (!id) return;
    if (!editor) {
      editor = window.CodeMirror($('editor-host'), {
        mode: 'yaml', lineNumbers: true, indentUnit: 2, tabSize: 2, indentWithTabs: false,
        extraKeys: {
          Tab: (cm) => cm.replaceSelection('  '),
          'Ctrl-S': () => save(), 'Cmd-S': () => save(),
        },
      });
      editor.on('change', () => { closeArmed = false; if (!editor.isClean()) editorMsg(T.unsaved, false); });
    }
    document.body.classList.add('editing');
    $('editor').hidden = false;
    if (editorDoc !== id) {
      const src = await fetchSource(id);
      if (!src) return;
      editorDoc = id;
      baseHash = src.hash;
      $('editor-file').textContent = src.file;
      // Keep the file's own line endings.
      editor.setOption('lineSeparator', src.text.indexOf('\r\n') >= 0 ? '\r\n' : null);
      editor.setValue(src.text);
      editor.clearHistory();
      editor.markClean();
      editorMsg('', false);
    }
    editor.refresh();
    editor.eachLine((h) => editor.removeLineClass(h, 'background', 'cm-errline'));
    if (line) {
      const l = Math.max(0, line - 1);
      editor.addLineClass(l, 'background', 'cm-errline');
      editor.setCursor({ line: l, ch: 0 });
      editor.scrollIntoView({ line: l, ch: 0 }, 120);
      editor.focus();
    }
  }

  async function reloadEditorIfChanged() {
    const src = await fetchSource(editorDoc);
    if (!src || src.hash === baseHash || !editor.isClean()) return;
    const cursor = editor.getCursor();
    const scroll = editor.getScrollInfo();
    baseHash = src.hash;
    editor.setValue(src.text);
    editor.markClean();
    editor.setCursor(cursor);
    editor.scrollTo(scroll.left, scroll.top);
  }

  async function save() {
    if (!editor || !editorDoc) return;
    const text = editor.getValue();
    const r = await fetch('/doc/' + encodeURIComponent(editorDoc) + '/source', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Vanban-Token': token, 'X-Vanban-Base': baseHash },
      body: text,
    });
    if (r.ok) {
      baseHash = (await r.json()).hash;
      editor.markClean();
      editorMsg(T.saved, false);
    } else if (r.status === 409) {
      editorMsg(T.conflict, true);
    } else {
      editorMsg(T.save_failed + ' ' + (await r.text()), true);
    }
  }

  // Closing with unsaved changes asks for a second click, which drops them.
  let closeArmed = false;
  function closeEditor() {
    if (editor && !editor.isClean() && !closeArmed) {
      closeArmed = true;
      editorMsg(T.unsaved_close, true);
      return;
    }
    closeArmed = false;
    $('editor').hidden = true;
    document.body.classList.remove('editing');
    editorDoc = null;
    if (editor) { editor.setValue(''); editor.markClean(); }
  }

  $('edit-btn').addEventListener('click', () => openEditor(selected, null));
  $('editor-save').addEventListener('click', save);
  $('editor-close').addEventListener('click', closeEditor);

  // ---- new document -----------------------------------------------------------------
  async function loadStarters() {
    const r = await fetch('/api/starters');
    if (!r.ok) return;
    const sel = $('new-kind');
    for (const s of await r.json()) {
      const o = el('option', null, s.name);
      o.value = s.kind;
      sel.appendChild(o);
    }
  }

  $('newdoc').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const msg = $('new-msg');
    const r = await fetch('/api/new', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Vanban-Token': token },
      body: JSON.stringify({ kind: $('new-kind').value, name: $('new-name').value }),
    });
    if (!r.ok) {
      msg.textContent = T.create_failed + ' ' + (await r.text());
      msg.className = 'msg bad';
      return;
    }
    msg.textContent = '';
    $('new-name').value = '';
    const { id } = await r.json();
    await loadList();
    await select(id);
    await openEditor(id, null);
  });

  // ---- live updates -----------------------------------------------------------------
  function connect() {
    // The session cookie goes with the upgrade: no token in the address.
    const ws = new WebSocket('ws://' + location.host + '/ws');
    ws.onopen = () => {
      $('conn').textContent = T.connected;
      $('conn').className = '';
      latestRev = 0;
      loadList().then(refresh);
    };
    ws.onmessage = (ev) => {
      const m = JSON.parse(ev.data);
      if (m.type === 'doc') apply(m);
      else if (m.type === 'list') { folders = m.folders; renderList(); }
      else if (m.type === 'resync') { loadList().then(refresh); }
    };
    ws.onclose = () => {
      $('conn').textContent = T.disconnected;
      $('conn').className = 'off';
      setTimeout(connect, 1000);
    };
  }

  loadStarters();
  loadList().then(() => {
    const id = location.hash.slice(1);
    if (id && findDoc(id)) select(id);
  });
  connect();
  window.vanban = { select: (id) => select(id), openEditor: (id, l) => openEditor(id, l), editor: () => editor, save: () => save() };
})();

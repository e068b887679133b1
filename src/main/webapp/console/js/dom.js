// Small DOM helpers: text goes in as text (never as HTML), and every block of user or model text gets
// dir="auto" so that Arabic and English each run in their own direction.
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A block of text in its own direction. */
export const textBlock = (tag, text, cls) => el(tag, { dir: 'auto', class: cls, text });

export function rows(table, items, render) {
  const body = table.tBodies[0];
  body.replaceChildren(...items.map((item) => el('tr', {}, ...render(item).map((c) =>
    c instanceof Node && c.tagName === 'TD' ? c : el('td', { dir: 'auto' }, c)))));
}

export const num = (v) => el('td', { class: 'num' }, v === null || v === undefined ? '—' : String(v));

export function toast(message, isError = false) {
  const t = $('#toast');
  t.textContent = message;
  t.classList.toggle('error', isError);
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, isError ? 8000 : 4000);
}

export const date = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

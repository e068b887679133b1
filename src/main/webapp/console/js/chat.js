// The chat transcript shared by the playground and the deployments: messages as text blocks in their own
// direction, the assistant's answer growing as its stream arrives.
import { el } from './dom.js';
import { t } from './i18n.js';

export function message(container, role, text = '') {
  const body = el('div', { class: 'body', dir: 'auto', text });
  const box = el('div', { class: 'msg ' + role, 'data-role': role },
    el('span', { class: 'role', text: role === 'user' ? t('you') : t('assistant') }), body);
  container.append(box);
  return { box, body };
}

/** Reads an OpenAI-style completion stream, appending each delta to `body`; returns the whole text. */
export async function readStream(stream, body, onChunk = () => {}) {
  let text = '';
  for await (const { data } of stream) {
    if (data === '[DONE]') break;
    const chunk = JSON.parse(data);
    if (chunk.error) throw new Error(chunk.error.message);
    onChunk(chunk);
    const delta = chunk.choices?.[0]?.delta?.content;
    if (delta) {
      text += delta;
      body.textContent = text;
    }
  }
  body.closest('.msg').dataset.done = 'true';
  return text;
}

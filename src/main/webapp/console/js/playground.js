// Playground: chat with any model the key may use, streamed as it arrives, with the same request shown as
// curl and as OpenAI SDK code (with a placeholder for the key: the key itself is never shown).
import { events } from './api.js';
import { $, toast } from './dom.js';
import { message, readStream } from './chat.js';
import { list } from './models.js';

let history = [];
let controller = null;

function request(extraUser) {
  const messages = [];
  const system = $('#pg-system').value.trim();
  if (system) messages.push({ role: 'system', content: system });
  messages.push(...history);
  if (extraUser !== undefined) messages.push({ role: 'user', content: extraUser });
  return { model: $('#pg-model').value, messages, temperature: Number($('#pg-temperature').value || 1), stream: true };
}

function renderCode() {
  const body = request($('#pg-input').value || 'Hello');
  const json = JSON.stringify(body, null, 2);
  $('#pg-curl').textContent = 'curl -N ' + location.origin + '/v1/chat/completions \\\n'
    + '  -H "Authorization: Bearer $QALAM_API_KEY" \\\n  -H "Content-Type: application/json" \\\n'
    + "  -d '" + json.replace(/'/g, "'\\''") + "'";
  const py = (v) => JSON.stringify(v, null, 4).replace(/\n/g, '\n    ');
  $('#pg-python').textContent = 'import os\nfrom openai import OpenAI\n\n'
    + 'client = OpenAI(base_url="' + location.origin + '/v1", api_key=os.environ["QALAM_API_KEY"])\n\n'
    + 'stream = client.chat.completions.create(\n    model=' + JSON.stringify(body.model) + ',\n'
    + '    messages=' + py(body.messages) + ',\n    temperature=' + body.temperature + ',\n    stream=True,\n)\n'
    + 'for chunk in stream:\n    print(chunk.choices[0].delta.content or "", end="")\n';
}

export function init() {
  for (const id of ['#pg-model', '#pg-temperature', '#pg-system', '#pg-input']) {
    $(id).addEventListener('input', renderCode);
  }
  $('#pg-clear').addEventListener('click', () => { history = []; $('#pg-chat').replaceChildren(); renderCode(); });
  $('#pg-stop').addEventListener('click', () => controller?.abort());
  $('#pg-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('#pg-input').value.trim();
    if (!text) return;
    const body = request(text);
    message($('#pg-chat'), 'user', text);
    const answer = message($('#pg-chat'), 'assistant');
    $('#pg-input').value = '';
    $('#pg-send').disabled = true;
    $('#pg-stop').hidden = false;
    controller = new AbortController();
    try {
      const reply = await readStream(events('/v1/chat/completions', { method: 'POST', json: body, signal: controller.signal }), answer.body);
      history.push({ role: 'user', content: text }, { role: 'assistant', content: reply });
    } catch (err) {
      if (err.name !== 'AbortError') { answer.body.textContent = err.message; answer.box.classList.add('error'); toast(err.message, true); }
    } finally {
      $('#pg-send').disabled = false;
      $('#pg-stop').hidden = true;
      renderCode();
    }
  });
}

export async function show() {
  const select = $('#pg-model');
  if (!select.options.length) {
    const models = (await list()).filter((m) => m.type === 'llm');
    for (const m of models) select.append(new Option(m.id, m.id));
    if (models.some((m) => m.id === 'local/extractive')) select.value = 'local/extractive';
  }
  renderCode();
}

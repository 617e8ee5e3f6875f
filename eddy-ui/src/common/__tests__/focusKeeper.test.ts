// Issue 19: focus never falls to the page's body when the focused element disappears.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { keepFocus } from '../focusKeeper';

let stop: () => void;

beforeEach(() => {
  document.body.innerHTML = `
    <main>
      <h1>Orders flow</h1>
      <div class="toolbar"><button id="run">Run</button><button id="export">Export</button></div>
      <section class="panel"><div><button id="close">Close</button></div></section>
    </main>
    <aside class="dialog"><button id="ok">OK</button></aside>`;
  stop = keepFocus();
});

afterEach(() => {
  stop();
  document.body.innerHTML = '';
});

const byId = (id: string) => document.getElementById(id)!;

describe('keepFocus', () => {
  it('moves focus to the first control left around a removed button (Run replaced by nothing yet)', async () => {
    byId('run').focus();
    byId('run').remove();
    await waitFor(() => expect(document.activeElement).toBe(byId('export')));
  });

  it('moves focus to the first control of the page when a panel closes', async () => {
    byId('close').focus();
    document.querySelector('.panel')!.remove();
    await waitFor(() => expect(document.activeElement).toBe(byId('run')));
  });

  it('falls back to the page heading when nothing that was around the removed element is left', async () => {
    byId('ok').focus();
    document.querySelector('.dialog')!.remove();
    await waitFor(() => expect(document.activeElement).toBe(document.querySelector('h1')));
  });

  it('leaves focus alone when the replacement took it itself (Stop focused after Run)', async () => {
    byId('run').focus();
    const stopButton = document.createElement('button');
    stopButton.textContent = 'Stop';
    byId('run').replaceWith(stopButton);
    stopButton.focus();
    await new Promise((r) => setTimeout(r, 120));
    expect(document.activeElement).toBe(stopButton);
  });
});

// jsdom lacks a few browser APIs that React Flow and CodeMirror use.
import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { useFlowStore } from '../store/flowStore';
import { resetEnvironment } from '../environment';
import { resetNodeTypes } from '../nodes/nodeTypes';

// the machine is shared: give asynchronous UI a few seconds rather than one
configure({ asyncUtilTimeout: 5000 });

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? +scale : 1;
  }
}
(globalThis as Record<string, unknown>).DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub;

if (!document.createRange().getClientRects) {
  Range.prototype.getClientRects = () =>
    ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
}
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

// test files share one jsdom per worker (isolate: false): leave nothing behind
afterEach(() => {
  cleanup();
  useFlowStore.getState().reset(); // also cancels a pending autosave
  resetEnvironment();
  resetNodeTypes();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

// Carbon announces its v12 feature flags in development builds; not a problem of ours.
const info = console.info;
console.info = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[@carbon/feature-flags]')) return;
  info(...args);
};

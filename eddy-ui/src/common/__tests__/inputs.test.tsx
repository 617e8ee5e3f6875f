/// <reference types="vite/client" />
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PasswordInput, TextInput } from '../inputs';

describe('text inputs', () => {
  it('are described by their error message while they have one, by their helper text otherwise', () => {
    const { rerender } = render(<TextInput id="topic" labelText="Topic" helperText="The Kafka topic." />);
    expect(screen.getByLabelText('Topic')).toHaveAccessibleDescription('The Kafka topic.');
    rerender(<TextInput id="topic" labelText="Topic" helperText="The Kafka topic." invalid invalidText="Required." />);
    expect(screen.getByLabelText('Topic')).toHaveAccessibleDescription('Required.');
  });

  it('describe a password field by its error message too', () => {
    render(<PasswordInput id="pw" labelText="Password" invalid invalidText="Too short." />);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Too short.');
  });

  it('are the only text and password inputs the app uses (not Carbon’s directly)', () => {
    // every source file of the app, as text (Vite reads them at build time)
    const sources = import.meta.glob<string>(['../../**/*.{ts,tsx}', '!**/__tests__/**', '!../inputs.tsx'], {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    const direct = Object.entries(sources)
      .filter(([, text]) => {
        const carbon = /import\s*\{([^}]*)\}\s*from\s*'@carbon\/react'/s.exec(text);
        return !!carbon && /\b(TextInput|PasswordInput)\b/.test(carbon[1]);
      })
      .map(([path]) => path);
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(direct).toEqual([]);
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
    const src = join(__dirname, '..', '..');
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
      });
    const direct = files(src).filter((path) => {
      if (path.endsWith(join('common', 'inputs.tsx')) || path.includes('__tests__')) return false;
      const carbon = /import\s*\{([^}]*)\}\s*from\s*'@carbon\/react'/s.exec(readFileSync(path, 'utf8'));
      return !!carbon && /\b(TextInput|PasswordInput)\b/.test(carbon[1]);
    });
    expect(direct.map((path) => path.slice(src.length + 1))).toEqual([]);
  });
});

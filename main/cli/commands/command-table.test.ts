import { describe, expect, it } from 'vitest';
import { usage } from '../usage';
import { commandNamed, commandTable } from './command-table';

// The usage is written by hand (usage.ts: `--help` prints it without loading any command): it
// must still name every command of the table and every option each takes.
const described = Object.entries(commandTable);

/** A command's lines in the usage: its own, and the indented ones under it, up to the next command. */
function usageBlockOf(name: string): readonly string[] {
  const start = usage.findIndex((line) => line.startsWith(`  ${name} `));
  const rest = usage.slice(start + 1);
  const end = rest.findIndex((line) => !/^ {4,}\S/.test(line));
  return start < 0 ? [] : [usage[start]!, ...rest.slice(0, end < 0 ? rest.length : end)];
}

describe('the command table', () => {
  it.each(described.map(([name]) => [name]))('has %s described in the usage', (name) => {
    expect(usage.some((line) => line.startsWith(`  ${name} `))).toBe(true);
  });

  it.each(described.flatMap(([name, command]) => command.options.map((option) => [name, option])))(
    'has the usage tell %s about --%s, in its own lines',
    (name, option) => {
      expect(usageBlockOf(name).some((line) => line.includes(`--${option}`))).toBe(true);
    },
  );

  it('has the usage tell about --account, which most commands take', () => {
    expect(described.some(([, command]) => command.accountOption !== false)).toBe(true);
    expect(usage.some((line) => line.startsWith('  --account NOM'))).toBe(true);
  });

  it('knows no command by an inherited name', () => {
    expect(commandNamed('toString')).toBeUndefined();
    expect(commandNamed('__proto__')).toBeUndefined();
  });
});

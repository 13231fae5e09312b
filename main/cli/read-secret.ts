import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AppError } from '../failures/errors';

/**
 * A secret from standard input, read to its end; one trailing line break is not part of it
 * (as `docker login --password-stdin` does), every other character is.
 */
export async function readSecretFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * A secret typed at a terminal: one line, never shown (as `read -s`). readline puts the terminal
 * in raw mode, so the terminal echoes nothing, and its own echo goes to a stream that drops it.
 */
export function readSecretFromTerminal(input: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<string> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input, output: silent, terminal: true });
  return new Promise((resolve, reject) => {
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      output.write('\n');
      resolve(line);
    });
    lines.once('SIGINT', () => {
      answered = true;
      lines.close();
      output.write('\n');
      reject(new AppError('CANCELLED'));
    });
    // Ctrl+D on an empty line: nothing was typed.
    lines.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

/**
 * A yes/no question at a terminal, the answer echoed as typed: « o » or « oui » (any case) is yes,
 * anything else (Entrée alone included) is no, as « [o/N] » says.
 */
export function askAtTerminal(
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
  question: string,
): Promise<boolean> {
  const lines = createInterface({ input, output, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    lines.question(`${question} `, (answer) => {
      answered = true;
      lines.close();
      resolve(/^\s*o(ui)?\s*$/i.test(answer));
    });
    lines.once('SIGINT', () => {
      lines.close();
      output.write('\n');
    });
    lines.once('close', () => {
      if (!answered) resolve(false);
    });
  });
}

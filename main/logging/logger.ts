/**
 * Where the main process reports what it did. Fields hold codes, names and counts only: callers
 * never pass a secret, and the sinks never print a raw error (axios errors carry request headers).
 */
export type LogFields = Readonly<Record<string, string | number | boolean>>;

export interface Logger {
  info(event: string, fields: LogFields): void;
  warn(event: string, fields: LogFields): void;
  error(event: string, fields: LogFields): void;
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly event: string;
  readonly fields: LogFields;
}

/** A logger that hands each line to one sink: the console in the app, an array in tests. */
export function createLogger(sink: (line: LogLine) => void): Logger {
  return {
    info: (event, fields) => sink({ level: 'info', event, fields }),
    warn: (event, fields) => sink({ level: 'warn', event, fields }),
    error: (event, fields) => sink({ level: 'error', event, fields }),
  };
}

export const consoleSink = (line: LogLine): void => {
  const text = `${new Date().toISOString()} ${line.level} ${line.event} ${JSON.stringify(line.fields)}`;
  if (line.level === 'info') console.info(text);
  else console.error(text);
};

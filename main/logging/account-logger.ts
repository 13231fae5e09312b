import type { LogFields, Logger } from './logger';

/**
 * The same logger, each line naming the technical account it is about in an `account` field: with
 * three communes on one workstation, the support log must say which one failed. Names are not
 * secrets; the log file escapes them as JSON.
 */
export function accountLogger(logger: Logger, accountName: () => string): Logger {
  const named = (fields: LogFields): LogFields => ({ account: accountName(), ...fields });
  return {
    info: (event, fields) => logger.info(event, named(fields)),
    warn: (event, fields) => logger.warn(event, named(fields)),
    error: (event, fields) => logger.error(event, named(fields)),
  };
}

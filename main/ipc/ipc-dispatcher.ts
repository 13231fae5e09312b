import { channels, isChannelName } from '../../preload/contract';
import type { ChannelName } from '../../common/bridge';
import type { Outcome } from '../../common/failures';
import { failure, toFailure } from '../failures/errors';
import type { Handlers } from './channel-handlers';
import type { Logger } from '../logging/logger';
import { originOf } from './origin';

/** What the transport knows of the frame that sent a message. */
export interface SenderFacts {
  /** The URL of the frame that sent it. */
  readonly frameUrl: string;
  readonly isMainFrame: boolean;
  /** Whether it came from the app's own window, not another web contents. */
  readonly isAppWindow: boolean;
}

export type Dispatch = (channel: unknown, sender: SenderFacts, args: unknown) => Promise<Outcome<object>>;

export function isTrustedSender(sender: SenderFacts, appOrigin: string): boolean {
  return sender.isAppWindow && sender.isMainFrame && originOf(sender.frameUrl) === appOrigin;
}

async function run(handlers: Handlers, name: ChannelName, args: unknown): Promise<Outcome<object>> {
  const parsed = channels[name].safeParse(args);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    return failure('INVALID_INPUT', fields.filter(Boolean).join(', ') || undefined);
  }
  // The schema that just validated the arguments is the one the handler's type is derived from.
  const handler = handlers[name] as (...validated: readonly unknown[]) => Promise<object>;
  const payload = await handler(...parsed.data);
  return { ...payload, ok: true };
}

/**
 * The one entry point of every bridge call, whatever carries it (Electron IPC or the test
 * harness): it checks the sender, validates the arguments against the contract, runs the handler
 * and turns anything thrown into a sanitized failure, so no error ever crosses the bridge.
 */
export function createDispatcher(handlers: Handlers, appOrigin: string, logger: Logger): Dispatch {
  return async (channel, sender, args) => {
    if (!isTrustedSender(sender, appOrigin)) {
      logger.warn('ipc.untrusted-sender', { origin: originOf(sender.frameUrl) ?? 'invalide' });
      return failure('UNTRUSTED_SENDER');
    }
    if (!isChannelName(channel)) {
      logger.warn('ipc.unknown-channel', {});
      return failure('INVALID_INPUT', 'canal inconnu');
    }
    try {
      return await run(handlers, channel, args);
    } catch (error) {
      const outcome = toFailure(error);
      logger.error('ipc.failed', {
        channel,
        code: outcome.code,
        error: error instanceof Error ? error.name : typeof error,
      });
      return outcome;
    }
  };
}

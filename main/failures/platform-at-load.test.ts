// errors.ts is loaded by every part of the core: loading it reads nothing of the machine. The
// platform names the keychain in KEYCHAIN_UNAVAILABLE's advice, read when that failure is worded.
import { expect, it } from 'vitest';

it('reads process.platform when a failure is worded, not when errors.ts is loaded', async () => {
  const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
  let reads = 0;
  Object.defineProperty(process, 'platform', {
    configurable: true,
    get: () => {
      reads += 1;
      return 'win32';
    },
  });
  try {
    const { AppError, toFailure } = await import('./errors');
    expect(reads).toBe(0);
    expect(toFailure(new AppError('KEYCHAIN_UNAVAILABLE'), 'command-line').message).toContain(
      "Gestionnaire d'identification Windows",
    );
    expect(toFailure(new AppError('KEYCHAIN_UNAVAILABLE')).details).toContain("Gestionnaire d'identification Windows");
  } finally {
    Object.defineProperty(process, 'platform', platform);
  }
});

import type { alertDelayBounds as contractBounds, clipboardClearSeconds as contractClipboardClearSeconds, minPassphraseLength as contractMinPassphraseLength } from '../../preload/contract';

// The renderer imports types only from the contract: the values are restated here, and typed by
// the contract's literal types, so a change there that is not made here fails to compile.
export const alertDelayBounds: Pick<typeof contractBounds, 'min' | 'max'> = { min: 1, max: 13 };

/** A profile's passphrase: the contract's minimum, restated the same way. */
export const minPassphraseLength: typeof contractMinPassphraseLength = 12;

/** How long a password copied for a destination stays on the clipboard: the contract's, restated. */
export const clipboardClearSeconds: typeof contractClipboardClearSeconds = 60;

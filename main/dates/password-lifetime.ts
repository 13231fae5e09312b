/** Chorus Pro expires a technical account's password this many days after it was set. */
export const passwordLifetimeDays = 424;

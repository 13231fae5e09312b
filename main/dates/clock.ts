/** The time as services see it: injected so that tests can stand on any day. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

import { z } from 'zod';

/** A time of day as the screen's time field and a profile give it: HH:MM, 00:00 to 23:59. */
export const timeOfDayInput = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

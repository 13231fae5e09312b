const twoDigits = (value: number): string => String(value).padStart(2, '0');

/**
 * jj/mm/aaaa in the user's own time zone, as the original screen shows dates. Read from the Date
 * itself: an Intl.DateTimeFormat costs ≈ 14 ms to build on a fresh page, before the first paint.
 */
export const formatDay = (iso: string | undefined): string => {
  if (!iso) return '';
  const day = new Date(iso);
  return `${twoDigits(day.getDate())}/${twoDigits(day.getMonth() + 1)}/${String(day.getFullYear())}`;
};

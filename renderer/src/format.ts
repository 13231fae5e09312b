const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** jj/mm/aaaa in the user's own time zone, as the original screen shows dates. */
export const formatDay = (iso: string | undefined): string => (iso ? dayFormat.format(new Date(iso)) : '');

import type { StoredSettings } from './settings-schema';

/** Each environment by the name the screen's list gives it: what a person reads, never `custom`. */
export const environmentLabels: Readonly<Record<StoredSettings['environment'], string>> = {
  production: 'Production',
  qualification: 'Qualification',
  custom: 'Personnalisé',
};

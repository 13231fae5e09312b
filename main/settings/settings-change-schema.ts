// The schemas that check a change of settings before anything is saved: the command line's and a
// profile's (settingsChangeSchema), the screen's (screenSettingsChangeSchema, through the IPC).
// Their types are common/settings.ts's plain ones, exactly (checked below).
import { z } from 'zod';
import {
  alertDelayBounds,
  environmentNames,
  timeoutBounds,
  type ScreenSettingsChange,
  type SettingsChange,
} from '../../common/settings';
import type { CompilesOnly, SameType } from '../types/type-equality';

const urlText = z.string().trim().max(2048);

const settingsChangeShape = {
  environment: z.enum(environmentNames),
  apiBaseUrl: urlText,
  tokenUrl: urlText,
  login: z.string().trim().max(256),
  clientId: z.string().trim().max(256),
  alertDelayMonths: z.int().min(alertDelayBounds.min).max(alertDelayBounds.max),
  timeoutSeconds: z.int().min(timeoutBounds.min).max(timeoutBounds.max),
  proxyUrl: urlText,
  caCertificatePath: z.string().max(4096),
};

/**
 * The settings the command line and a deployment profile may change; `passwordUpdatedAt` only
 * changes with a renewal.
 */
export const settingsChangeSchema = z
  .object({
    ...settingsChangeShape,
    /**
     * With `caCertificatePath`, from a deployment profile only: whether its authority also serves
     * PISTE's official hosts (the profile's `"trustForOfficialHosts": true`). Never from the page.
     */
    caForOfficialHosts: z.boolean(),
  })
  .partial()
  .strict();

/**
 * The settings the page may change. It may clear the extra authority, never name a file: a path
 * from the page would let it trust any certificate (and probe which files exist); only the
 * main-process dialog of `chooseCaCertificate` sets one.
 */
export const screenSettingsChangeSchema = z
  .object({ ...settingsChangeShape, caCertificatePath: z.literal('') })
  .partial()
  .strict();

type _SettingsChangeChecked = CompilesOnly<SameType<z.input<typeof settingsChangeSchema>, SettingsChange>>;
type _ScreenSettingsChangeChecked = CompilesOnly<
  SameType<z.input<typeof screenSettingsChangeSchema>, ScreenSettingsChange>
>;

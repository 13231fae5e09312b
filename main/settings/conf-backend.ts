import Conf from 'conf';
import type { SettingsFile } from './settings-schema';
import type { OpenSettingsBackend } from './settings-backend';

/** The settings file under plain Node (command line, tests): conf, electron-store's base class. */
export const openConfBackend: OpenSettingsBackend = (options) => new Conf<SettingsFile>(options);

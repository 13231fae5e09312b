import { execFile } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { boundedReadReason, readBoundedFile } from '../files/bounded-read';
import { fileDistrust, platformFileTrust, type CheckFileTrust } from './file-trust';
import { maxPolicyBytes, type PolicyText, type ReadPolicyText } from './machine-policy';

/*
 * Where the machine keeps its policy, read again at every use: the registry on Windows (what a
 * GPO sets), a root-owned file elsewhere; CHORUS_PRO_MACHINE_POLICY names another file, like
 * CHORUS_PRO_MACHINE_PROFILE, held to the same rule: only an administrator's file is read.
 */

export const policyRegistryKey = 'HKLM\\SOFTWARE\\Policies\\Chorus Pro Echanges';
export const policyRegistryValue = 'Policy';

/** The policy file, or undefined on Windows where the registry holds it (unless the variable names a file). */
export function machinePolicyFile(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (env.CHORUS_PRO_MACHINE_POLICY) return env.CHORUS_PRO_MACHINE_POLICY;
  if (platform === 'win32') return undefined;
  if (platform === 'darwin') return '/Library/Application Support/Chorus Pro Echanges/policy.json';
  return '/etc/chorus-pro-echanges/policy.json';
}

/** A policy file: absent is no policy; present, it must be an administrator's, regular and small. */
export function policyFileReader(path: string, check: CheckFileTrust = platformFileTrust()): ReadPolicyText {
  return async (): Promise<PolicyText> => {
    try {
      await lstat(path);
    } catch {
      return { kind: 'none' };
    }
    const trust = await fileDistrust(path, check);
    if ('reason' in trust)
      return {
        kind: 'refused',
        source: path,
        reason: `${trust.reason} : seule une stratégie déposée par un administrateur est lue`,
      };
    const read = await readBoundedFile(trust.real, maxPolicyBytes);
    if (!read.ok) return { kind: 'refused', source: path, reason: boundedReadReason(read, maxPolicyBytes) };
    return { kind: 'text', text: read.text, source: path };
  };
}

export type RegistryValueReading =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly data: string }
  | { readonly kind: 'unusable'; readonly reason: string };

/**
 * What `reg.exe query <key> /v Policy` prints (CRLF lines: the key's full name, then
 * `    Policy    REG_SZ    <data>`), in the console's code page: bytes above 127 cannot be
 * trusted to be the characters written, so the JSON must write them as \u escapes.
 */
export function parseRegQueryOutput(output: string, valueName: string = policyRegistryValue): RegistryValueReading {
  for (const line of output.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!match || match[1]?.toLowerCase() !== valueName.toLowerCase()) continue;
    const [, , type = '', data = ''] = match;
    if (type !== 'REG_SZ' && type !== 'REG_EXPAND_SZ') {
      return {
        kind: 'unusable',
        reason: `la valeur ${valueName} est de type ${type} : une chaîne (REG_SZ) contenant le JSON de la stratégie est attendue`,
      };
    }
    if (/[^\x20-\x7e]/.test(data)) {
      return {
        kind: 'unusable',
        reason: `la valeur ${valueName} contient des caractères non ASCII : écrivez-les en \\u (par exemple é en \\u00e9) dans le JSON, reg.exe ne les rend pas fidèlement`,
      };
    }
    return { kind: 'value', data };
  }
  return { kind: 'absent' };
}

/** reg.exe by its full path under System32, never found through PATH. */
export const regExe = (env: NodeJS.ProcessEnv = process.env): string =>
  join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe');

export interface RegRun {
  readonly status: number;
  readonly stdout: string;
}
export type RunRegQuery = (args: readonly string[]) => Promise<RegRun>;

const runRegExe: RunRegQuery = (args) =>
  new Promise((resolve) => {
    execFile(
      regExe(),
      [...args],
      { windowsHide: true, timeout: 15_000, maxBuffer: 4 * maxPolicyBytes, encoding: 'latin1' },
      (error, stdout) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status, stdout });
      },
    );
  });

/**
 * Windows: the GPO's value, read in the 64-bit view. reg.exe ends with status 1 when the key or the
 * value does not exist: no policy. NOT VERIFIED on Windows (parser tested on the output's format).
 */
export function registryPolicyReader(run: RunRegQuery = runRegExe): ReadPolicyText {
  const source = `${policyRegistryKey}\\${policyRegistryValue}`;
  return async (): Promise<PolicyText> => {
    const { status, stdout } = await run(['query', policyRegistryKey, '/v', policyRegistryValue, '/reg:64']);
    if (status === 1) return { kind: 'none' };
    if (status !== 0) return { kind: 'refused', source, reason: `reg.exe a échoué (code ${status})` };
    const value = parseRegQueryOutput(stdout);
    if (value.kind === 'absent') return { kind: 'none' };
    if (value.kind === 'unusable') return { kind: 'refused', source, reason: value.reason };
    return { kind: 'text', text: value.data, source };
  };
}

/** This machine's policy, wherever it keeps it. */
export function platformPolicyReader(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ReadPolicyText {
  const file = machinePolicyFile(env, platform);
  return file === undefined ? registryPolicyReader() : policyFileReader(file, platformFileTrust(platform));
}

// What a connection test and Chorus Pro's structures give the screen. Plain TypeScript, shared by
// main and the renderer.
import type { ExchangeView } from './exchange';

/** One structure the technical account is attached to, as the screen lists it. */
export interface ChorusStructure {
  readonly id: number;
  readonly designation: string;
  readonly identifier: string;
  readonly identifierType: string;
  readonly status: string;
  readonly role: string;
  readonly services: readonly { readonly code: string; readonly label: string; readonly active: boolean }[];
}

export interface ConnectionTestResult {
  readonly structureCount: number;
  readonly durationMs: number;
  /** The first success after an unverified save or an import pushed the password: what became of its copies. */
  readonly exchange?: ExchangeView;
}

export interface StructureDetails {
  readonly id: number;
  readonly designation: string;
  readonly identifier: string;
  readonly identifierType: string;
  /** `dateExpirationMotPasseCompteTech` as Chorus Pro wrote it, when it gives one. */
  readonly passwordExpiresAt?: string;
}

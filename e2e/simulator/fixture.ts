import { readFileSync } from 'node:fs';
import { z } from 'zod';
import demoFixture from './demo-fixture.json';

const serviceSchema = z.object({
  idService: z.number().int(),
  codeService: z.string(),
  libelleService: z.string(),
  estActif: z.boolean(),
});

const structureSchema = z.object({
  idStructure: z.number().int(),
  identifiantStructure: z.string(),
  typeIdentifiantStructure: z.string(),
  designationStructure: z.string(),
  roleUtilisateur: z.string(),
  statutRattachementStructure: z.string(),
  services: z.array(serviceSchema),
  dateExpirationMotPasseCompteTech: z.string().optional(),
});

/** Chorus Pro's four APIs, each subscribed separately by a PISTE application. */
export const chorusApis = ['factures', 'structures', 'utilisateurs', 'transverses'] as const;
export type ChorusApi = (typeof chorusApis)[number];

/** PISTE applications, technical accounts and their structures: what the simulator knows. */
export const fixtureSchema = z.object({
  applications: z.array(
    z.object({
      clientId: z.string(),
      clientSecret: z.string(),
      subscribed: z.boolean(),
      /** The APIs it is subscribed to, when `subscribed`: all four when absent. */
      apis: z.array(z.enum(chorusApis)).optional(),
    }),
  ),
  accounts: z.array(
    z.object({
      login: z.string(),
      password: z.string(),
      expired: z.boolean().default(false),
      /** The technical user's `statutUtilisateur` on each attachment. */
      statutUtilisateur: z.string().default('ACTIF'),
      structures: z.array(structureSchema),
    }),
  ),
});
export type SimulatorFixture = z.infer<typeof fixtureSchema>;
export type FixtureStructure = z.infer<typeof structureSchema>;

/** The demo fixture (a fresh copy each call), or a fixture file of the caller's. */
export function loadFixture(path?: string): SimulatorFixture {
  return fixtureSchema.parse(
    path === undefined ? structuredClone(demoFixture) : JSON.parse(readFileSync(path, 'utf8')),
  );
}

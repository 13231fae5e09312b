import { z } from 'zod';
import { printable } from '../text/printable';

// What PISTE and Chorus Pro answer (docs/chorus-pro-api.md), checked field by field: an answer of another shape is not
// Chorus Pro (UNEXPECTED_RESPONSE). Unknown fields are kept out of the way, not refused.

// A server's text is escaped as it comes in (text/printable.ts): a line break or an escape
// sequence in it can forge nothing on a terminal, in the log or on the screen.
const text = z.string().transform(printable).nullish();

export const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().positive()),
});

export const oauthErrorSchema = z.looseObject({
  error: z.string().transform(printable),
  error_description: text,
});

const returnCode = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const chorusStatusSchema = z.looseObject({
  codeRetour: returnCode,
  libelle: text,
});

const attachedServiceSchema = z.looseObject({
  codeService: text,
  libelleService: text,
  estActif: z.boolean().nullish(),
});

const attachmentSchema = z.looseObject({
  idStructure: z.number().int(),
  identifiantStructure: z.string(),
  typeIdentifiantStructure: text,
  designationStructure: text,
  roleUtilisateur: text,
  statutRattachementStructure: text,
  statutUtilisateur: text,
  listeServicesRattache: z.array(attachedServiceSchema).nullish(),
});

export const attachmentsAnswerSchema = z.looseObject({
  codeRetour: returnCode,
  libelle: text,
  listeStructureRattachement: z.array(attachmentSchema).nullish(),
  parametresRetour: z
    .looseObject({
      pageCourante: z.number().int(),
      pages: z.number().int(),
      total: z.number().int(),
    })
    .nullish(),
});
export type AttachmentsAnswer = z.infer<typeof attachmentsAnswerSchema>;

export const structureAnswerSchema = z.looseObject({
  codeRetour: returnCode,
  libelle: text,
  informationGenerales: z
    .looseObject({
      idStructureCPP: z.number().int(),
      identifiantStructure: z.string(),
      typeIdentifiantStructure: text,
      libelleStructure: text,
      raisonSocialeStructure: text,
      dateExpirationMotPasseCompteTech: z.union([z.string(), z.number()]).nullish(),
    })
    .nullish(),
});

/** `codeRetour` 0 is success, 20000 an empty result (TRA_MSG_00.015); anything else a refusal. */
export const isChorusSuccess = (code: number): boolean => code === 0 || code === 20000;

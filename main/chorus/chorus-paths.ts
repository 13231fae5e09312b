// The Chorus Pro API's paths the client calls, and how much of each it reads.
export const attachmentsPath = '/cpro/utilisateurs/v1/monCompte/recuperer/rattachements';
export const structureDetailsPath = '/cpro/structures/v1/consulter';
/** The second API asked after a 403: the one the expiry date comes from (docs/chorus-pro-api.md). */
export const structureSearchPath = '/cpro/structures/v1/rechercher';
/**
 * The test asks for this many attachments in its one call: enough to judge whether they are all
 * inactive, and the structures whose expiry date is read (docs/chorus-pro-api.md, "Expiry date").
 */
export const testedAttachments = 10;
export const structuresPageSize = 100;

// `publications/publication-<revision>`: one new file per revision, never overwritten (antivirus
// locks and DFS replication pair files badly). A reader takes them from the highest number down
// and stops at the first valid one; whatever fails is counted, so a planted `publication-99999`
// costs one look and stops no one.
import { certifiedPublisher, type Trust } from './certificates';
import type { FleetFolder } from './fleet-folder';
import { publicationSchema, type Publication } from './fleet-formats';
import type { IgnoredFiles } from './ignored-files';
import { readEnvelope, verifiedPayload } from './signed-file';

export const publicationFileName = (revision: number): string => `publication-${revision}`;
const namePattern = /^publication-([1-9][0-9]{0,15})$/;
/** How many files above the last applied revision one reading verifies at most. */
export const maxPublicationsTried = 200;

export interface PublicationFile {
  readonly name: string;
  readonly revision: number;
}

/** Files named as publications above `above`, the highest first; other names are counted. */
export async function publicationCandidates(
  folder: FleetFolder,
  above: number,
  ignored: IgnoredFiles,
): Promise<PublicationFile[]> {
  const { names, beyondCap } = await folder.list('publications');
  if (beyondCap) ignored.beyondCap('publications');
  const candidates: PublicationFile[] = [];
  for (const name of names) {
    const revision = Number(namePattern.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isSafeInteger(revision)) ignored.add('malformed');
    else if (revision > above) candidates.push({ name, revision });
  }
  return candidates.sort((a, b) => b.revision - a.revision);
}

/** A publication verified: signed by a publisher the trusted certificate names, of this fleet and revision. */
export async function openPublication(
  folder: FleetFolder,
  file: PublicationFile,
  trust: Trust,
  ignored: IgnoredFiles,
): Promise<Publication | undefined> {
  const text = await folder.read('publications', file.name);
  if (text === undefined) {
    ignored.add('unreadable');
    return undefined;
  }
  const read = readEnvelope(text, 'publication');
  if (!read.ok) {
    ignored.add(read.refusal);
    return undefined;
  }
  const publisher = certifiedPublisher(trust, read.envelope.signer);
  if (!publisher) {
    ignored.add('unknown-signer');
    return undefined;
  }
  const opened = verifiedPayload(read.envelope, 'publication', publisher.signingKey, publicationSchema);
  if (!opened.ok) {
    ignored.add(opened.refusal);
    return undefined;
  }
  // The name, the revision inside and the fleet must agree: a valid file copied under a higher name is not a newer revision.
  if (opened.value.fleet !== trust.fingerprint || opened.value.revision !== file.revision) {
    ignored.add('invalid-content');
    return undefined;
  }
  return opened.value;
}

/** The highest valid publication above `above` (signature and header only: nothing decrypted). */
export async function latestPublicationHeader(
  folder: FleetFolder,
  trust: Trust,
  ignored: IgnoredFiles,
  above = 0,
): Promise<Publication | undefined> {
  for (const file of (await publicationCandidates(folder, above, ignored)).slice(0, maxPublicationsTried)) {
    const publication = await openPublication(folder, file, trust, ignored);
    if (publication) return publication;
  }
  return undefined;
}

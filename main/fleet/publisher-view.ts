// What a publisher knows of its fleet before it acts (publish, members, remove-member, assign):
// its own record, brought up to the folder's latest valid publication when another publisher made
// it and this one can open its publishers' box — the members, the names given, the assignments —
// and the accounts that publication carried (for the digests of replaced passwords).
import { existsSync, readFileSync } from 'node:fs';
import type { FleetDependencies } from './fleet-dependencies';
import { publicationSchema, type PublishedAccount, type PublisherState } from './fleet-formats';
import { IgnoredFiles } from './ignored-files';
import { lastPublicationCopyPath, type PublisherRecord } from './local-records';
import { latestPublicationHeader } from './publication-files';
import type { Publisher } from './publisher-keys';
import { mergePublisherState, openPublishersBox, stateOf } from './publisher-state';
import { readEnvelope } from './signed-file';

/** The accounts of this publisher's own last publication (its private copy), when the folder's latest cannot say. */
async function ownCopyAccounts(userDataDir: string, publisher: Publisher): Promise<PublishedAccount[]> {
  const path = lastPublicationCopyPath(userDataDir, publisher.record.fingerprint);
  if (!existsSync(path)) return [];
  const read = readEnvelope(readFileSync(path, 'utf8'), 'publication');
  if (!read.ok) return [];
  const publication = publicationSchema.safeParse(JSON.parse(read.envelope.bytes.toString('utf8')));
  if (!publication.success) return [];
  return (await openPublishersBox(publication.data, publisher.selfRecipientId, publisher.identity))?.accounts ?? [];
}

/** Where this publication starts from: the folder's latest valid one, its publishers' box opened when this publisher can. */
export interface PublisherView {
  readonly record: PublisherRecord;
  readonly previous: readonly PublishedAccount[];
  readonly latestRevision: number;
  readonly warnings: readonly string[];
}

export async function publisherView(dependencies: FleetDependencies, publisher: Publisher): Promise<PublisherView> {
  const latest = await latestPublicationHeader(dependencies.folder, publisher.trust, new IgnoredFiles());
  const latestBox =
    latest === undefined ? undefined : await openPublishersBox(latest, publisher.selfRecipientId, publisher.identity);
  const { record } = publisher;
  if (!latest || !latestBox) {
    const warnings =
      latest && latest.revision > record.lastRevision
        ? [
            `La révision ${latest.revision} a été publiée par un poste de publication dont ce poste ne peut pas lire l'état : les postes et les attributions sont ceux que ce poste connaît ; pour reprendre ceux du parc, relancez fleet rotate-key --add-publisher avec le fichier de la clé racine.`,
          ]
        : [];
    return {
      record,
      previous: await ownCopyAccounts(dependencies.userDataDir, publisher),
      latestRevision: latest?.revision ?? 0,
      warnings,
    };
  }
  const state: PublisherState =
    latestBox.state === undefined ? stateOf(record) : mergePublisherState(stateOf(record), latestBox.state);
  return {
    record: { ...record, members: [...state.members], assignments: [...state.assignments] },
    previous: latestBox.accounts,
    latestRevision: latest.revision,
    warnings: [],
  };
}

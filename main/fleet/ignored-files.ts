// Files of the shared folder that were not used: counted by reason and said in one line, never
// fatal. A share anyone can write must not stop anyone (a planted `publication-99999` included).
import type { FleetSubfolder } from './fleet-folder';
import type { Refusal } from './signed-file';

const reasonWords: Readonly<Record<Refusal, string>> = {
  unreadable: 'illisible ou trop gros',
  malformed: 'mal formé',
  'newer-format': "d'une version plus récente de l'application",
  'wrong-fleet': "d'un autre parc de postes",
  'bad-signature': 'signature invalide',
  'unknown-signer': 'signé par une clé non certifiée',
  'invalid-content': 'contenu invalide',
  stale: 'révision ancienne',
  'not-for-this-member': 'non destiné à ce poste',
  'not-a-member': "d'un poste qui n'est pas membre du parc",
  // Issue 33: script and server destinations come from the machine policy only, never from the share.
  'machine-destinations': 'porteur de destinations script ou serveur, que seule la stratégie de la machine définit',
};

export class IgnoredFiles {
  private readonly counts = new Map<Refusal, number>();
  private readonly capped = new Set<FleetSubfolder>();

  add(refusal: Refusal): void {
    this.counts.set(refusal, (this.counts.get(refusal) ?? 0) + 1);
  }

  beyondCap(sub: FleetSubfolder): void {
    this.capped.add(sub);
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  /** Some file of the folder needs a newer version of the app: said, never guessed at. */
  get newerFormat(): boolean {
    return (this.counts.get('newer-format') ?? 0) > 0;
  }

  toJson(): {
    readonly total: number;
    readonly reasons: Readonly<Record<string, number>>;
    readonly foldersOverCap: readonly string[];
  } {
    return { total: this.total, reasons: Object.fromEntries(this.counts), foldersOverCap: [...this.capped] };
  }

  /** One line, or none when nothing was ignored. */
  line(): string | undefined {
    if (this.total === 0 && this.capped.size === 0) return undefined;
    const reasons = [...this.counts].map(([refusal, count]) => `${count} ${reasonWords[refusal]}`).join(', ');
    const capped =
      this.capped.size === 0 ? '' : ` ; dossiers trop remplis, lus en partie : ${[...this.capped].join(', ')}`;
    const newer = this.newerFormat
      ? ' ; mettez à jour l’application de ce poste pour lire les fichiers plus récents'
      : '';
    return `${this.total} fichier(s) du dossier partagé ignoré(s) (${reasons || 'aucun'})${capped}${newer}.`;
  }
}

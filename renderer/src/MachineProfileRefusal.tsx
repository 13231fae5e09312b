/**
 * The workstation's profile was not applied at first start (a folder other users may write, an
 * unreadable file…): said on the screen, with what to do, not only in the log.
 */
export function MachineProfileRefusal({ message }: { readonly message: string }) {
  return (
    <section aria-label="Profil de déploiement du poste non appliqué" className="warning notice" role="status">
      <p>{message}</p>
    </section>
  );
}

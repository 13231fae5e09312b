import { useEffect, useState } from 'react';
import type { AccountList, AccountSummary } from '../../common/accounts';

/**
 * Every account's summary, asked for once the screen is shown (the screen does not wait for it)
 * and again only when a settings answer brings another revision: 200 accounts no longer travel
 * with every answer. Undefined until the first list arrives.
 */
export function useAccountList(revision: string): readonly AccountSummary[] | undefined {
  const [list, setList] = useState<AccountList>();
  const held = list?.revision;
  useEffect(() => {
    if (held === revision) return;
    let wanted = true;
    void window.chorus.listAccounts().then((answer) => {
      if (wanted && answer.ok) setList(answer);
    });
    return () => {
      wanted = false;
    };
    // Asked again for a new revision only: a list newer than the settings shown must not loop.
  }, [revision]);
  return list?.accounts;
}

// A security descriptor in SDDL, as `(Get-Acl -LiteralPath …).Sddl` gives it: the owner and the
// DACL as SIDs, the same on every Windows whatever its language (icacls prints translated names:
// « AUTORITE NT\Système »). Read after Microsoft's "Security Descriptor String Format", "ACE
// Strings", "SID Strings" (learn.microsoft.com) and [MS-DTYP] 2.5.1.1 (its grammar).

/** The SIDs SDDL writes as two letters, for the accounts that matter here ([MS-DTYP] 2.5.1.1; "SID Strings"). */
export const sidAliases: Readonly<Record<string, string>> = {
  SY: 'S-1-5-18',
  BA: 'S-1-5-32-544',
  BU: 'S-1-5-32-545',
  BG: 'S-1-5-32-546',
  PU: 'S-1-5-32-547',
  AO: 'S-1-5-32-548',
  SO: 'S-1-5-32-549',
  PO: 'S-1-5-32-550',
  BO: 'S-1-5-32-551',
  RU: 'S-1-5-32-554',
  RD: 'S-1-5-32-555',
  NO: 'S-1-5-32-556',
  MU: 'S-1-5-32-558',
  LU: 'S-1-5-32-559',
  IS: 'S-1-5-32-568',
  CY: 'S-1-5-32-569',
  ER: 'S-1-5-32-573',
  RM: 'S-1-5-32-580',
  WD: 'S-1-1-0',
  CO: 'S-1-3-0',
  CG: 'S-1-3-1',
  OW: 'S-1-3-4',
  AN: 'S-1-5-7',
  AU: 'S-1-5-11',
  IU: 'S-1-5-4',
  NU: 'S-1-5-2',
  SU: 'S-1-5-6',
  PS: 'S-1-5-10',
  RC: 'S-1-5-12',
  WR: 'S-1-5-33',
  LS: 'S-1-5-19',
  NS: 'S-1-5-20',
  ED: 'S-1-5-9',
  AC: 'S-1-15-2-1',
  ME: 'S-1-16-8192',
  HI: 'S-1-16-12288',
  SI: 'S-1-16-16384',
  LW: 'S-1-16-4096',
};

/** The two-letter rights and the access mask each stands for ("ACE Strings", rights). */
const rightLetters: Readonly<Record<string, number>> = {
  GA: 0x10000000,
  GR: 0x80000000,
  GW: 0x40000000,
  GX: 0x20000000,
  RC: 0x00020000,
  SD: 0x00010000,
  WD: 0x00040000,
  WO: 0x00080000,
  RP: 0x00000010,
  WP: 0x00000020,
  CC: 0x00000001,
  DC: 0x00000002,
  LC: 0x00000004,
  SW: 0x00000008,
  LO: 0x00000080,
  DT: 0x00000040,
  CR: 0x00000100,
  FA: 0x001f01ff,
  FR: 0x00120089,
  FW: 0x00120116,
  FX: 0x001200a0,
  KA: 0x000f003f,
  KR: 0x00020019,
  KW: 0x00020006,
  KX: 0x00020019,
  NR: 0x00000001,
  NW: 0x00000002,
  NX: 0x00000004,
};

export interface Ace {
  /** A, D, OA, OD, XA, XD, AU, ML…: allowed, denied, audit, label. */
  readonly type: string;
  /** OI, CI, NP, IO, ID, SA, FA… */
  readonly flags: readonly string[];
  readonly mask: number;
  /** As a SID (`S-1-5-32-545`), its two letters resolved. */
  readonly sid: string;
}

export interface SecurityDescriptor {
  readonly owner: string | undefined;
  /** The DACL's entries; null for a NULL DACL (`D:NO_ACCESS_CONTROL`: everyone may do anything). */
  readonly dacl: readonly Ace[] | null;
}

export const sidOf = (token: string): string => sidAliases[token.toUpperCase()] ?? token.toUpperCase();

function rightsMask(text: string): number | undefined {
  if (/^0x[0-9a-f]{1,8}$/iu.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^0[0-7]+$/u.test(text)) return Number.parseInt(text, 8);
  if (/^\d+$/u.test(text)) return Number(text);
  if (text.length % 2 !== 0) return undefined;
  let mask = 0;
  for (let index = 0; index < text.length; index += 2) {
    const bits = rightLetters[text.slice(index, index + 2).toUpperCase()];
    if (bits === undefined) return undefined;
    mask = (mask | bits) >>> 0;
  }
  return mask;
}

/** The ACE strings of an ACL: `(…)(…)`, a conditional ACE's own parentheses kept inside its string. */
function aceStrings(text: string): string[] | undefined {
  const found: string[] = [];
  let depth = 0;
  let start = -1;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '(') {
      if (depth === 0) start = index + 1;
      depth += 1;
    } else if (character === ')') {
      depth -= 1;
      if (depth < 0) return undefined;
      if (depth === 0) found.push(text.slice(start, index));
    } else if (depth === 0) {
      return undefined;
    }
  }
  return depth === 0 ? found : undefined;
}

function parseAce(text: string): Ace | undefined {
  const [type, flags, rights, , , account] = text.split(';');
  if (type === undefined || flags === undefined || rights === undefined || account === undefined) return undefined;
  const mask = rightsMask(rights);
  if (mask === undefined || !/^(?:[A-Z]{2}|S-1-\d+(?:-\d+)+)$/iu.test(account)) return undefined;
  return { type: type.toUpperCase(), flags: flags.match(/../gu) ?? [], mask, sid: sidOf(account) };
}

/** The owner and the DACL, or undefined when the text is not a security descriptor this can read. */
export function parseSddl(sddl: string): SecurityDescriptor | undefined {
  const text = sddl.trim();
  // The parts begin with O:, G:, D:, S:, each at most once, in that order.
  const parts = /^(?:O:(?<owner>[^:]+?))?(?:G:(?<group>[^:]+?))?(?:D:(?<dacl>.*?))?(?:S:(?<sacl>.*))?$/u.exec(text);
  if (!parts?.groups || text === '') return undefined;
  const { owner, dacl } = parts.groups;
  if (owner !== undefined && !/^(?:[A-Z]{2}|S-1-\d+(?:-\d+)+)$/iu.test(owner)) return undefined;
  if (dacl === undefined) return { owner: owner === undefined ? undefined : sidOf(owner), dacl: [] };
  const flagsEnd = dacl.indexOf('(');
  const aclFlags = flagsEnd < 0 ? dacl : dacl.slice(0, flagsEnd);
  if (aclFlags.includes('NO_ACCESS_CONTROL'))
    return { owner: owner === undefined ? undefined : sidOf(owner), dacl: null };
  if (!/^(?:P|AR|AI)*$/u.test(aclFlags)) return undefined;
  const entries = aceStrings(flagsEnd < 0 ? '' : dacl.slice(flagsEnd));
  const aces = entries?.map(parseAce);
  if (aces === undefined || aces.some((ace) => ace === undefined)) return undefined;
  return { owner: owner === undefined ? undefined : sidOf(owner), dacl: aces as Ace[] };
}

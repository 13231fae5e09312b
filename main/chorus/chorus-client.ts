import { performance } from 'node:perf_hooks';
import type { ChorusStructure, ConnectionTestResult, StructureDetails } from '../../preload/contract';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import { checkEndpointUrl } from '../net/url-policy';
import { answerFailure, parseJson } from './answer-failure';
import {
  attachmentsAnswerSchema,
  chorusStatusSchema,
  isChorusSuccess,
  structureAnswerSchema,
  type AttachmentsAnswer,
} from './chorus-answers';
import type { HttpSend, RouteOptions } from './http-transport';
import { createTokenCache } from './token-cache';

/** Where to reach Chorus Pro and how; secrets travel apart, in ChorusCredentials. */
export interface ConnectionTarget {
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
  readonly timeoutSeconds: number;
  readonly extraCaPem?: string;
  readonly proxy?: URL;
}

export interface ChorusCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly login: string;
  readonly password: string;
  readonly proxyPassword?: string;
}

export const attachmentsPath = '/cpro/utilisateurs/v1/monCompte/recuperer/rattachements';
export const structureDetailsPath = '/cpro/structures/v1/consulter';
export const structuresPageSize = 100;
/** A guard against an answer that never says it is the last page. */
const maxPages = 200;

/** A successful test, and a structure to ask for the password's expiry. */
export interface ConnectionCheck extends ConnectionTestResult {
  readonly firstStructureId?: number;
}

/** `cpro-account`: base64 of "login:password" in UTF-8, sent on every API call. */
export const cproAccountHeader = (login: string, password: string): string =>
  Buffer.from(`${login}:${password}`, 'utf8').toString('base64');

const attachmentsQuery = (page: number, pageSize: number) => ({
  parametresRecherche: { nbResultatsParPage: pageSize, pageResultatDemandee: page, triColonne: 'IdStructure', triSens: 'Descendant' },
});

function chorusRefusal(code: number, libelle: string | null | undefined): AppError {
  return new AppError('CHORUS_ERROR', `Chorus Pro : ${libelle ?? 'motif non précisé'}, code ${code}`);
}

function toStructure(entry: NonNullable<AttachmentsAnswer['listeStructureRattachement']>[number]): ChorusStructure {
  return {
    id: entry.idStructure,
    designation: entry.designationStructure ?? '',
    identifier: entry.identifiantStructure,
    identifierType: entry.typeIdentifiantStructure ?? '',
    status: entry.statutRattachementStructure ?? '',
    role: entry.roleUtilisateur ?? '',
    services: (entry.listeServicesRattache ?? []).map((service) => ({
      code: service.codeService ?? '',
      label: service.libelleService ?? '',
      active: service.estActif ?? false,
    })),
  };
}

export interface ChorusClientDependencies {
  readonly send: HttpSend;
  readonly clock: Clock;
  readonly tokenMarginSeconds?: number;
}

/**
 * Chorus Pro through PISTE: an OAuth token, then the technical account on every call. One
 * deadline per operation covers every request of it; an operation can also be cancelled.
 */
export function createChorusClient({ send, clock, tokenMarginSeconds }: ChorusClientDependencies) {
  const tokens = createTokenCache(send, clock, tokenMarginSeconds);

  async function operation<T>(
    target: ConnectionTarget,
    credentials: ChorusCredentials,
    cancel: AbortSignal | undefined,
    work: (call: (path: string, body: object) => Promise<unknown>) => Promise<T>,
  ): Promise<T> {
    const apiBase = checkEndpointUrl('Lien URL', target.apiBaseUrl);
    checkEndpointUrl('URL du jeton', target.tokenUrl);
    const deadline = AbortSignal.timeout(target.timeoutSeconds * 1000);
    const signal = cancel ? AbortSignal.any([deadline, cancel]) : deadline;
    if (signal.aborted) throw new AppError('CANCELLED');
    const route: RouteOptions = {
      signal,
      ...(target.extraCaPem ? { extraCaPem: target.extraCaPem } : {}),
      ...(target.proxy ? { proxy: target.proxy } : {}),
      ...(credentials.proxyPassword ? { proxyPassword: credentials.proxyPassword } : {}),
    };
    const tokenRequest = { tokenUrl: target.tokenUrl, apiBaseUrl: target.apiBaseUrl, clientId: credentials.clientId, clientSecret: credentials.clientSecret };
    const account = cproAccountHeader(credentials.login, credentials.password);

    const call = async (path: string, body: object): Promise<unknown> => {
      const url = new URL(path.replace(/^\//, ''), apiBase.href.replace(/\/?$/, '/')).href;
      const post = async (token: string) =>
        send(
          {
            method: 'POST',
            url,
            headers: {
              Authorization: `Bearer ${token}`,
              'cpro-account': account,
              'Content-Type': 'application/json;charset=utf-8',
              Accept: 'application/json',
            },
            body: JSON.stringify(body),
          },
          route,
        );
      let token = await tokens.get(tokenRequest, route);
      let answer = await post(token.value);
      const challenge = answer.headers['www-authenticate'] ?? '';
      if (answer.status === 401 && (!token.fresh || /invalid_token/i.test(challenge))) {
        // The token may have expired early on PISTE's side: one new token, one retry.
        tokens.forget();
        token = await tokens.get(tokenRequest, route);
        answer = await post(token.value);
        if (answer.status === 401 && /invalid_token/i.test(answer.headers['www-authenticate'] ?? '')) {
          throw new AppError('OAUTH_REJECTED', 'jeton refusé par Chorus Pro');
        }
      }
      const json = parseJson(answer.text);
      if (answer.status === 400) {
        const refusal = chorusStatusSchema.safeParse(json);
        if (refusal.success && !isChorusSuccess(refusal.data.codeRetour)) {
          throw chorusRefusal(refusal.data.codeRetour, refusal.data.libelle);
        }
      }
      if (answer.status !== 200) throw answerFailure(answer, url);
      if (json === undefined) throw new AppError('UNEXPECTED_RESPONSE', 'réponse qui n’est pas du JSON');
      return json;
    };

    // Without a token, the API host's TCP and TLS handshakes run while the token is asked for:
    // only the handshake goes out early, the request itself still waits for its token.
    const release = tokens.holds(tokenRequest) ? undefined : send.preconnect?.(apiBase.href, route);
    try {
      return await work(call);
    } finally {
      release?.();
    }
  }

  async function attachmentsPage(call: (path: string, body: object) => Promise<unknown>, page: number, pageSize: number) {
    const parsed = attachmentsAnswerSchema.safeParse(await call(attachmentsPath, attachmentsQuery(page, pageSize)));
    if (!parsed.success) throw new AppError('UNEXPECTED_RESPONSE', 'liste des rattachements illisible');
    if (!isChorusSuccess(parsed.data.codeRetour)) throw chorusRefusal(parsed.data.codeRetour, parsed.data.libelle);
    return parsed.data;
  }

  return {
    /** Asks for one attachment: the cheapest call that checks every credential. */
    async testConnection(target: ConnectionTarget, credentials: ChorusCredentials, cancel?: AbortSignal): Promise<ConnectionCheck> {
      const started = performance.now();
      return operation(target, credentials, cancel, async (call) => {
        const page = await attachmentsPage(call, 1, 1);
        const structureCount =
          page.codeRetour === 20000 ? 0 : (page.parametresRetour?.total ?? page.listeStructureRattachement?.length ?? 0);
        const first = page.listeStructureRattachement?.[0];
        return { structureCount, durationMs: Math.round(performance.now() - started), ...(first ? { firstStructureId: first.idStructure } : {}) };
      });
    },

    /** Every structure the technical account is attached to, page after page. */
    async listStructures(target: ConnectionTarget, credentials: ChorusCredentials, cancel?: AbortSignal): Promise<ChorusStructure[]> {
      return operation(target, credentials, cancel, async (call) => {
        const structures: ChorusStructure[] = [];
        for (let page = 1; page <= maxPages; page += 1) {
          const answer = await attachmentsPage(call, page, structuresPageSize);
          structures.push(...(answer.listeStructureRattachement ?? []).map(toStructure));
          const pages = answer.parametresRetour?.pages ?? 1;
          if (answer.codeRetour === 20000 || page >= pages) break;
        }
        return structures;
      });
    },

    /** One structure's details, with the technical password's expiry when Chorus Pro gives it. */
    async structureDetails(
      target: ConnectionTarget,
      credentials: ChorusCredentials,
      structureId: number,
      cancel?: AbortSignal,
    ): Promise<StructureDetails> {
      return operation(target, credentials, cancel, async (call) => {
        const parsed = structureAnswerSchema.safeParse(await call(structureDetailsPath, { idStructureCPP: structureId, codeLangue: 'fr' }));
        if (!parsed.success) throw new AppError('UNEXPECTED_RESPONSE', 'fiche structure illisible');
        if (!isChorusSuccess(parsed.data.codeRetour)) throw chorusRefusal(parsed.data.codeRetour, parsed.data.libelle);
        const general = parsed.data.informationGenerales;
        if (!general) throw new AppError('UNEXPECTED_RESPONSE', 'fiche structure vide');
        const expiry = general.dateExpirationMotPasseCompteTech;
        return {
          id: general.idStructureCPP,
          designation: general.libelleStructure ?? general.raisonSocialeStructure ?? '',
          identifier: general.identifiantStructure,
          identifierType: general.typeIdentifiantStructure ?? '',
          ...(expiry !== null && expiry !== undefined ? { passwordExpiresAt: String(expiry) } : {}),
        };
      });
    },
  };
}
export type ChorusClient = ReturnType<typeof createChorusClient>;

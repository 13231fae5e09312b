import { performance } from 'node:perf_hooks';
import type { ChorusStructure, ConnectionTestResult, StructureDetails } from '../../common/connection';
import type { Clock } from '../dates/clock';
import { AppError } from '../failures/errors';
import { checkEndpointUrl } from '../net/url-policy';
import { answerFailure, parseJson } from './answer-failure';
import { attachmentsAnswerSchema, chorusStatusSchema, isChorusSuccess, structureAnswerSchema } from './chorus-answers';
import type { HttpAnswer, HttpSend, RouteOptions } from './http-transport';
import { createTokenCache } from './token-cache';
import { attachmentsQuery, chorusRefusal, inactivity, isActive, toStructure } from './attachment-reading';
import { attachmentsPath, structureDetailsPath, structuresPageSize, testedAttachments } from './chorus-paths';
import { whichSubscription } from './missing-subscription';

export {
  attachmentsPath,
  structureDetailsPath,
  structureSearchPath,
  structuresPageSize,
  testedAttachments,
} from './chorus-paths';

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

/** A guard against an answer that never says it is the last page. */
const maxPages = 200;

/** A structure the expiry date may be read from. */
export interface ExpirySource {
  readonly id: number;
  readonly designation: string;
}

/** A test whose credentials Chorus Pro accepted, with what the attachments tell beyond that. */
export interface ConnectionCheck extends ConnectionTestResult {
  /** The attached structures to read the password's expiry from, active ones first. */
  readonly expirySources: readonly ExpirySource[];
  /** Set when the technical user, or every attachment, is not ACTIF: what Chorus Pro said. */
  readonly inactive?: string;
}

/** `cpro-account`: base64 of "login:password" in UTF-8, sent on every API call. */
export const cproAccountHeader = (login: string, password: string): string =>
  Buffer.from(`${login}:${password}`, 'utf8').toString('base64');

/** A 401 whose challenge says the bearer token is at fault (RFC 6750 `error="invalid_token"`). */
const blamesToken = (answer: HttpAnswer): boolean =>
  answer.status === 401 && /error\s*=\s*"?invalid_token/i.test(answer.headers['www-authenticate'] ?? '');

export interface ChorusClientDependencies {
  readonly send: HttpSend;
  readonly clock: Clock;
  readonly tokenMarginSeconds?: number;
}

/**
 * What the app asks Chorus Pro: each call checks the credentials anew, ends within `timeoutSeconds` as a whole,
 * and stops when `cancel` fires (CANCELLED).
 */
export interface ChorusClient {
  /**
   * Whether Chorus Pro accepts these credentials, with how many structures they reach and where the expiry is read.
   * `apiConnections`: connections opened from the start, for the structures' cards read right after it.
   */
  readonly testConnection: (
    target: ConnectionTarget,
    credentials: ChorusCredentials,
    cancel?: AbortSignal,
    apiConnections?: number,
  ) => Promise<ConnectionCheck>;
  /** Every structure the technical account is attached to (« Structures définies dans Chorus Pro »). */
  readonly listStructures: (
    target: ConnectionTarget,
    credentials: ChorusCredentials,
    cancel?: AbortSignal,
  ) => Promise<ChorusStructure[]>;
  /** One structure's details, with the technical password's expiry when Chorus Pro gives it. */
  readonly structureDetails: (
    target: ConnectionTarget,
    credentials: ChorusCredentials,
    structureId: number,
    cancel?: AbortSignal,
  ) => Promise<StructureDetails>;
}

/**
 * Chorus Pro through PISTE (docs/chorus-pro-api.md): an OAuth token, then the technical account on every call. One
 * deadline per operation covers every request of it; an operation can also be cancelled.
 */
export function createChorusClient({ send, clock, tokenMarginSeconds }: ChorusClientDependencies): ChorusClient {
  const tokens = createTokenCache(send, clock, tokenMarginSeconds);

  async function operation<T>(
    target: ConnectionTarget,
    credentials: ChorusCredentials,
    cancel: AbortSignal | undefined,
    work: (call: (path: string, body: object) => Promise<unknown>) => Promise<T>,
    apiConnections = 1,
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
    const tokenRequest = {
      tokenUrl: target.tokenUrl,
      apiBaseUrl: target.apiBaseUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
    };
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
      // Only a challenge that blames the token is retried: any other 401 is the technical password
      // refused, and sending it again could count twice against a lock-out rule nobody documents.
      if (blamesToken(answer)) {
        tokens.forget();
        token = await tokens.get(tokenRequest, route);
        answer = await post(token.value);
        if (blamesToken(answer)) throw new AppError('OAUTH_REJECTED', 'jeton refusé par Chorus Pro');
      }
      const json = parseJson(answer.text);
      if (answer.status === 400) {
        const refusal = chorusStatusSchema.safeParse(json);
        if (refusal.success && !isChorusSuccess(refusal.data.codeRetour)) {
          throw chorusRefusal(refusal.data.codeRetour, refusal.data.libelle);
        }
      }
      if (answer.status !== 200) throw answerFailure(answer, url, clock());
      if (json === undefined) throw new AppError('UNEXPECTED_RESPONSE', 'réponse qui n’est pas du JSON');
      return json;
    };

    // Without a token, the API host's TCP and TLS handshakes run while the token is asked for:
    // only the handshake goes out early, the request itself still waits for its token.
    // A test whose cards follow opens their connections too: they go at once after the verdict.
    const release = tokens.holds(tokenRequest)
      ? undefined
      : send.preconnect?.(apiBase.href, route, Math.max(1, apiConnections));
    try {
      return await work(call);
    } finally {
      release?.();
    }
  }

  async function attachmentsPage(
    call: (path: string, body: object) => Promise<unknown>,
    page: number,
    pageSize: number,
  ) {
    const parsed = attachmentsAnswerSchema.safeParse(
      await call(attachmentsPath, attachmentsQuery(page, pageSize)).catch((error: unknown) =>
        whichSubscription(call, error),
      ),
    );
    if (!parsed.success) throw new AppError('UNEXPECTED_RESPONSE', 'liste des rattachements illisible');
    if (!isChorusSuccess(parsed.data.codeRetour)) throw chorusRefusal(parsed.data.codeRetour, parsed.data.libelle);
    return parsed.data;
  }

  return {
    /** One page of attachments: the cheapest call that checks every credential. */
    async testConnection(
      target: ConnectionTarget,
      credentials: ChorusCredentials,
      cancel?: AbortSignal,
      apiConnections = 1,
    ): Promise<ConnectionCheck> {
      const started = performance.now();
      return operation(
        target,
        credentials,
        cancel,
        async (call) => {
          const page = await attachmentsPage(call, 1, testedAttachments);
          const entries = page.codeRetour === 20000 ? [] : (page.listeStructureRattachement ?? []);
          const structureCount = page.codeRetour === 20000 ? 0 : (page.parametresRetour?.total ?? entries.length);
          const inactive = inactivity(page, structureCount);
          const ordered = [...entries].sort(
            (a, b) =>
              Number(isActive(b.statutRattachementStructure) !== false) -
              Number(isActive(a.statutRattachementStructure) !== false),
          );
          return {
            structureCount,
            durationMs: Math.round(performance.now() - started),
            expirySources: ordered.map((entry) => ({
              id: entry.idStructure,
              designation: entry.designationStructure ?? entry.identifiantStructure,
            })),
            ...(inactive ? { inactive } : {}),
          };
        },
        apiConnections,
      );
    },

    /** Page after page, `maxPages` at most. */
    async listStructures(
      target: ConnectionTarget,
      credentials: ChorusCredentials,
      cancel?: AbortSignal,
    ): Promise<ChorusStructure[]> {
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

    async structureDetails(
      target: ConnectionTarget,
      credentials: ChorusCredentials,
      structureId: number,
      cancel?: AbortSignal,
    ): Promise<StructureDetails> {
      return operation(target, credentials, cancel, async (call) => {
        const parsed = structureAnswerSchema.safeParse(
          await call(structureDetailsPath, { idStructureCPP: structureId, codeLangue: 'fr' }),
        );
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

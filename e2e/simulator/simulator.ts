import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCA, createCert, type Certificate } from 'mkcert';
import { chorusApis, type ChorusApi, type FixtureStructure, type SimulatorFixture } from './fixture';

/**
 * A faithful stand-in for PISTE and Chorus Pro, for tests and demonstrations: the token
 * endpoint, the attachments and structure endpoints, with the real answers' shapes and errors
 * (see docs/chorus-pro-api.md), and an admin API under /simulateur/ to play the portal and
 * PISTE's bad days: per-API subscriptions, quotas (429 + Retry-After), token endpoint outages.
 */

export const tokenPath = '/api/oauth/token';
/** Where `npm run simulator` and `npm run demo` listen (the demo takes another free port when it is taken). */
export const demoSimulatorPort = 8390;

/** The port is taken by another program (EADDRINUSE). */
export const isPortTaken = (error: unknown): boolean =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
const attachmentsPath = '/cpro/utilisateurs/v1/monCompte/recuperer/rattachements';
const structurePath = '/cpro/structures/v1/consulter';
const structureSearchPath = '/cpro/structures/v1/rechercher';
const apiPaths: ReadonlySet<string> = new Set([attachmentsPath, structurePath, structureSearchPath]);
/** `/cpro/<api>/v1/…` → the API it belongs to. */
const apiOf = (path: string): ChorusApi | undefined => chorusApis.find((api) => path.startsWith(`/cpro/${api}/`));
const maintenancePage =
  '<!DOCTYPE html><html><body><h1>Maintenance en cours</h1><p>Le service est momentanément indisponible.</p></body></html>';
const wrongCredentialsChallenge =
  'Bearer realm="PISTE",error="Unauthorized",error_description="login or password incorrects"';
const invalidTokenChallenge = 'Bearer realm="PISTE",error="invalid_token",error_description="token expired or unknown"';

export interface SimulatorOptions {
  readonly fixture: SimulatorFixture;
  /** Serve over HTTPS with a certificate from a CA generated for this run (see `ca`). */
  readonly tls?: boolean;
  /** Names the certificate is valid for (default: localhost and 127.0.0.1). */
  readonly certificateNames?: readonly string[];
  readonly tokenLifetimeSeconds?: number;
  readonly host?: string;
  readonly port?: number;
}

export interface Simulator {
  /** The API base URL ("Lien URL"). */
  readonly url: string;
  readonly tokenUrl: string;
  /** The generated CA's certificate (PEM), for the app's extra-CA option; HTTPS only. */
  readonly caPem?: string;
  /** Requests received, per path: to count round trips. */
  readonly requestCounts: Map<string, number>;
  /** How many times each login's technical password was checked (what a lock-out rule would count). */
  readonly passwordChecks: Map<string, number>;
  /** How many times each login came with a password Chorus Pro refused (401): what a lock-out rule punishes. */
  readonly passwordRefusals: Map<string, number>;
  /** The most requests of a path that were being answered at the same moment. */
  readonly peakInFlight: Map<string, number>;
  /**
   * PISTE's quota: from the next API call on, every API call answers 429 with `Retry-After` until
   * `seconds` have passed (the window opens with the first refused call, not now).
   */
  throttleFor(seconds: number, options?: { readonly retryAfter?: boolean }): void;
  /** The next `count` token requests answer `status` with an HTML maintenance page. */
  failTokenNext(status: number, count?: number): void;
  /** The portal's "Réinitialisation du mot de passe": the old password stops working. */
  resetPassword(login: string): string;
  expireTokens(): void;
  /** The next `count` API answers are this HTTP status (500, 503…). */
  failNext(status: number, count?: number): void;
  /** Every answer (or only those of `path`) waits this long before it starts. */
  setDelay(milliseconds: number, path?: string): void;
  close(): Promise<void>;
}

interface Behaviour {
  delayMs: number;
  pathDelays: Map<string, number>;
  failures: { status: number; remaining: number } | undefined;
  tokenFailures: { status: number; remaining: number } | undefined;
  throttle: { seconds: number; until?: number; retryAfter: boolean } | undefined;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > 1024 * 1024) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function decodeAccount(header: string | undefined): { login: string; password: string } | undefined {
  if (!header) return undefined;
  const decoded = Buffer.from(header, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return separator < 0 ? undefined : { login: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

const generatedPassword = (): string => `Cpro-${randomBytes(9).toString('base64url')}!`;

function pageOf<T>(items: readonly T[], page: number, size: number) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return { items: items.slice((page - 1) * size, page * size), pages };
}

function attachmentOf(structure: FixtureStructure, index: number, statutUtilisateur: string) {
  return {
    idRattachementStructure: index + 1,
    idStructure: structure.idStructure,
    identifiantStructure: structure.identifiantStructure,
    typeIdentifiantStructure: structure.typeIdentifiantStructure,
    designationStructure: structure.designationStructure,
    roleUtilisateur: structure.roleUtilisateur,
    statutRattachementStructure: structure.statutRattachementStructure,
    statutUtilisateur,
    listeServicesRattache: structure.services.map((service, serviceIndex) => ({
      ...service,
      dateDbtService: '2020-01-01',
      dateFinService: null,
      idRattachementService: serviceIndex + 1,
      statutRattachementService: service.estActif ? 'ACTIF' : 'INACTIF',
      statutService: service.estActif ? 'ACTIF' : 'INACTIF',
    })),
  };
}

export async function generateCertificates(
  names: readonly string[],
): Promise<{ ca: Certificate; server: Certificate }> {
  const ca = await createCA({
    organization: 'Simulateur Chorus Pro (test)',
    countryCode: 'FR',
    state: 'Isere',
    locality: 'Grenoble',
    validity: 2,
  });
  const server = await createCert({ ca, domains: [...names], validity: 2 });
  return { ca, server };
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const fixture: SimulatorFixture = structuredClone(options.fixture);
  const tokenLifetime = options.tokenLifetimeSeconds ?? 3600;
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();
  const behaviour: Behaviour = {
    delayMs: 0,
    pathDelays: new Map(),
    failures: undefined,
    tokenFailures: undefined,
    throttle: undefined,
  };
  const requestCounts = new Map<string, number>();
  const passwordChecks = new Map<string, number>();
  const passwordRefusals = new Map<string, number>();
  const peakInFlight = new Map<string, number>();
  const inFlight = new Map<string, number>();

  const handleToken = (body: string, response: ServerResponse): void => {
    const form = new URLSearchParams(body);
    const application = fixture.applications.find(
      (candidate) =>
        candidate.clientId === form.get('client_id') && candidate.clientSecret === form.get('client_secret'),
    );
    if (form.get('grant_type') !== 'client_credentials') {
      sendJson(response, 400, {
        error: 'unsupported_grant_type',
        error_description: 'grant_type must be client_credentials',
      });
    } else if (!application) {
      sendJson(response, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    } else {
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { clientId: application.clientId, expiresAt: Date.now() + tokenLifetime * 1000 });
      sendJson(response, 200, {
        access_token: token,
        token_type: 'Bearer',
        expires_in: tokenLifetime,
        scope: 'openid',
      });
    }
  };

  const handleApi = (request: IncomingMessage, path: string, body: string, response: ServerResponse): void => {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const token = bearer ? tokens.get(bearer) : undefined;
    if (!token || token.expiresAt <= Date.now()) {
      response.writeHead(401, { 'WWW-Authenticate': invalidTokenChallenge });
      response.end();
      return;
    }
    const application = fixture.applications.find((candidate) => candidate.clientId === token.clientId);
    const api = apiOf(path);
    // PISTE checks the subscription before Chorus Pro sees the technical account: 403, empty body.
    if (!application?.subscribed || api === undefined || !(application.apis ?? chorusApis).includes(api)) {
      response.writeHead(403);
      response.end();
      return;
    }
    const credentials = decodeAccount(request.headers['cpro-account'] as string | undefined);
    if (credentials) passwordChecks.set(credentials.login, (passwordChecks.get(credentials.login) ?? 0) + 1);
    const account = fixture.accounts.find((candidate) => candidate.login === credentials?.login);
    if (!account || account.password !== credentials?.password || account.expired) {
      if (credentials) passwordRefusals.set(credentials.login, (passwordRefusals.get(credentials.login) ?? 0) + 1);
      response.writeHead(401, { 'WWW-Authenticate': wrongCredentialsChallenge, 'Content-Type': 'text/html' });
      response.end('<html><body>Unauthorized</body></html>');
      return;
    }
    let query: Record<string, unknown>;
    try {
      query = JSON.parse(body) as Record<string, unknown>;
    } catch {
      sendJson(response, 400, { codeRetour: 1, libelle: 'GCU_MSG_01_000 : requête JSON invalide' });
      return;
    }
    if (path === attachmentsPath) {
      const search = (query.parametresRecherche ?? {}) as {
        nbResultatsParPage?: number;
        pageResultatDemandee?: number;
      };
      const size = Math.min(Math.max(search.nbResultatsParPage ?? 10, 1), 1000);
      const page = Math.max(search.pageResultatDemandee ?? 1, 1);
      if (account.structures.length === 0) {
        sendJson(response, 200, {
          codeRetour: 20000,
          libelle: "TRA_MSG_00.015 La recherche n'a retourné aucun résultat",
        });
        return;
      }
      const { items, pages } = pageOf(account.structures, page, size);
      sendJson(response, 200, {
        codeRetour: 0,
        libelle: 'TRA_MSG_00.000',
        listeStructureRattachement: items.map((structure, index) =>
          attachmentOf(structure, (page - 1) * size + index, account.statutUtilisateur),
        ),
        parametresRetour: { pageCourante: page, pages, nbResultatsParPage: size, total: account.structures.length },
      });
      return;
    }
    if (path === structureSearchPath) {
      const criteria = (query.structure ?? {}) as { identifiantStructure?: string };
      const found = fixture.accounts
        .flatMap((candidate) => candidate.structures)
        .filter((candidate) => candidate.identifiantStructure === criteria.identifiantStructure);
      if (found.length === 0) {
        sendJson(response, 200, {
          codeRetour: 20000,
          libelle: "TRA_MSG_00.015 La recherche n'a retourné aucun résultat",
        });
        return;
      }
      sendJson(response, 200, {
        codeRetour: 0,
        libelle: 'TRA_MSG_00.000',
        listeStructures: found.map((candidate) => ({
          idStructureCPP: candidate.idStructure,
          identifiantStructure: candidate.identifiantStructure,
          typeIdentifiantStructure: candidate.typeIdentifiantStructure,
          designationStructure: candidate.designationStructure,
          statut: 'ACTIF',
        })),
        parametresRetour: { pageCourante: 1, pages: 1, nbResultatsParPage: found.length, total: found.length },
      });
      return;
    }
    const structure = account.structures.find((candidate) => candidate.idStructure === query.idStructureCPP);
    if (!structure) {
      sendJson(response, 400, {
        codeRetour: 20001,
        libelle: "GCU_MSG_05_000 : la structure n'existe pas ou n'est pas rattachée à l'utilisateur",
      });
      return;
    }
    sendJson(response, 200, {
      codeRetour: 0,
      libelle: 'TRA_MSG_00.000',
      informationGenerales: {
        idStructureCPP: structure.idStructure,
        identifiantStructure: structure.identifiantStructure,
        typeIdentifiantStructure: structure.typeIdentifiantStructure,
        libelleStructure: structure.designationStructure,
        raisonSocialeStructure: structure.designationStructure,
        structurePriveePublique: 'PUBLIQUE',
        dateExpirationMotPasseCompteTech: structure.dateExpirationMotPasseCompteTech ?? null,
      },
      parametres: {},
      adressePostaleDuSiege: {},
    });
  };

  const resetPassword = (login: string): string => {
    const account = fixture.accounts.find((candidate) => candidate.login === login);
    if (!account) throw new Error(`compte inconnu : ${login}`);
    account.password = generatedPassword();
    account.expired = false;
    return account.password;
  };

  /** The portal, for a person trying the app by hand (`npm run simulator` prints the commands). */
  const handleAdmin = (path: string, body: string, response: ServerResponse): void => {
    const query = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    if (path === '/simulateur/reinitialiser-mot-de-passe' && typeof query.login === 'string') {
      sendJson(response, 200, { login: query.login, motDePasse: resetPassword(query.login) });
    } else if (path === '/simulateur/expirer-jetons') {
      for (const token of tokens.values()) token.expiresAt = 0;
      sendJson(response, 200, { jetonsExpires: true });
    } else if (path === '/simulateur/panne' && typeof query.status === 'number') {
      behaviour.failures = { status: query.status, remaining: typeof query.nombre === 'number' ? query.nombre : 1 };
      sendJson(response, 200, behaviour.failures);
    } else if (path === '/simulateur/quota' && typeof query.secondes === 'number') {
      throttleFor(query.secondes);
      sendJson(response, 200, { quotaSecondes: query.secondes });
    } else if (path === '/simulateur/panne-jeton' && typeof query.status === 'number') {
      behaviour.tokenFailures = {
        status: query.status,
        remaining: typeof query.nombre === 'number' ? query.nombre : 1,
      };
      sendJson(response, 200, behaviour.tokenFailures);
    } else if (path === '/simulateur/lenteur' && typeof query.ms === 'number') {
      behaviour.delayMs = query.ms;
      sendJson(response, 200, { lenteurMs: behaviour.delayMs });
    } else {
      sendJson(response, 400, { erreur: 'requête d’administration inconnue' });
    }
  };

  const throttleFor = (seconds: number, options: { retryAfter?: boolean } = {}): void => {
    behaviour.throttle = { seconds, retryAfter: options.retryAfter ?? true };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://simulateur').pathname;
    requestCounts.set(path, (requestCounts.get(path) ?? 0) + 1);
    const body = await readBody(request);
    if (request.method === 'POST' && path.startsWith('/simulateur/')) {
      handleAdmin(path, body, response);
      return;
    }
    const delayMs = behaviour.pathDelays.get(path) ?? behaviour.delayMs;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (request.method === 'GET' && path === '/cpro/transverses/v1/health-check') {
      sendJson(response, 200, { statusCode: '200', message: 'OK' });
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405);
      response.end();
      return;
    }
    if (path === tokenPath) {
      if (behaviour.tokenFailures && behaviour.tokenFailures.remaining > 0) {
        behaviour.tokenFailures.remaining -= 1;
        response.writeHead(behaviour.tokenFailures.status, { 'Content-Type': 'text/html;charset=utf-8' });
        response.end(maintenancePage);
        return;
      }
      handleToken(body, response);
      return;
    }
    if (!apiPaths.has(path)) {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    const throttle = behaviour.throttle;
    if (throttle) throttle.until ??= Date.now() + throttle.seconds * 1000;
    if (throttle?.until !== undefined && throttle.until > Date.now()) {
      const seconds = Math.ceil((throttle.until - Date.now()) / 1000);
      response.writeHead(429, {
        'Content-Type': 'application/json',
        ...(throttle.retryAfter ? { 'Retry-After': String(seconds) } : {}),
      });
      response.end(JSON.stringify({ error: 'too_many_requests' }));
      return;
    }
    if (behaviour.failures && behaviour.failures.remaining > 0) {
      behaviour.failures.remaining -= 1;
      response.writeHead(behaviour.failures.status, { 'Content-Type': 'text/html' });
      response.end('<html><body>Service indisponible</body></html>');
      return;
    }
    handleApi(request, path, body, response);
  };

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://simulateur').pathname;
    const now = (inFlight.get(path) ?? 0) + 1;
    inFlight.set(path, now);
    peakInFlight.set(path, Math.max(peakInFlight.get(path) ?? 0, now));
    response.once('close', () => inFlight.set(path, (inFlight.get(path) ?? 1) - 1));
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };

  let server: Server;
  let caPem: string | undefined;
  if (options.tls) {
    const { ca, server: certificate } = await generateCertificates(
      options.certificateNames ?? ['localhost', '127.0.0.1'],
    );
    caPem = ca.cert;
    server = createHttpsServer({ key: certificate.key, cert: certificate.cert }, listener);
  } else {
    server = createHttpServer(listener);
  }
  const host = options.host ?? '127.0.0.1';
  // A taken port rejects (EADDRINUSE) rather than crashing the process with an unhandled 'error'.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls ? 'https' : 'http'}://${options.tls && host === '127.0.0.1' ? 'localhost' : host}:${port}`;

  return {
    url: origin,
    tokenUrl: `${origin}${tokenPath}`,
    ...(caPem ? { caPem } : {}),
    requestCounts,
    passwordChecks,
    passwordRefusals,
    peakInFlight,
    throttleFor,
    failTokenNext(status, count = 1) {
      behaviour.tokenFailures = { status, remaining: count };
    },
    resetPassword,
    expireTokens() {
      for (const token of tokens.values()) token.expiresAt = 0;
    },
    failNext(status, count = 1) {
      behaviour.failures = { status, remaining: count };
    },
    setDelay(milliseconds, path) {
      if (path === undefined) behaviour.delayMs = milliseconds;
      else behaviour.pathDelays.set(path, milliseconds);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

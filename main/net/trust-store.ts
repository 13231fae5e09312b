import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

// Building a trust store parses Node's ~144 roots plus the extra ones (≈ 17 ms): once per
// distinct extra authority and per process, then shared by every connection that trusts it.
const contexts = new Map<string, SecureContext>();

/** The TLS context trusting the usual authorities plus `extraCaPem`; undefined: Node's own. */
export function trustContextFor(extraCaPem: string | undefined): SecureContext | undefined {
  if (!extraCaPem) return undefined;
  let context = contexts.get(extraCaPem);
  if (!context) {
    context = createSecureContext({ ca: [...rootCertificates, extraCaPem] });
    contexts.set(extraCaPem, context);
  }
  return context;
}

/** How many trust stores this process has built: one per distinct extra authority. */
export const builtTrustStores = (): number => contexts.size;

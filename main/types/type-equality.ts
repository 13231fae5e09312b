/**
 * `true` only when A and B are the same type, readonly and optional members alike (TypeScript's
 * identity, not mere assignability): the compile-time check that two statements of one shape, a
 * schema and a plain type, have not drifted apart. Nothing of it exists at run time. T stays
 * unbound on purpose: two such deferred conditionals are related only when A and B are identical.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T unbound on purpose (above)
export type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only with `true`: `type _Check = CompilesOnly<SameType<A, B>>`. */
export type CompilesOnly<Check extends true> = Check;

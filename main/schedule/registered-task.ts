// A task as `schtasks /Query /XML` gives it back, read for what `status` says: its times, whether
// it is enabled, and whose it is. A task edited in the Task Scheduler window may have several
// triggers: each one's time is read.
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

export interface RegisteredTask {
  /** Each trigger's time of day (HH:MM), in the task's order. */
  readonly times: readonly string[];
  readonly enabled: boolean;
  /** The principal's UserId: a SID (`S-1-5-21-…`) or a name (`DOMAINE\utilisateur`), as Windows kept it. */
  readonly userId: string | undefined;
}

const triggerKinds = ['CalendarTrigger', 'TimeTrigger'] as const;
const textOf = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const triggerSchema = z.object({ StartBoundary: textOf.optional(), Enabled: textOf.optional() }).loose();
const taskSchema = z.object({
  Task: z
    .object({
      Triggers: z
        .union([
          z.literal(''),
          z
            .object({
              CalendarTrigger: z.array(triggerSchema).optional(),
              TimeTrigger: z.array(triggerSchema).optional(),
            })
            .loose(),
        ])
        .optional(),
      Settings: z.object({ Enabled: textOf.optional() }).loose().optional(),
      Principals: z
        .object({ Principal: z.array(z.object({ UserId: textOf.optional() }).loose()).optional() })
        .loose()
        .optional(),
    })
    .loose(),
});

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  isArray: (name) => (triggerKinds as readonly string[]).includes(name) || name === 'Principal',
});

/** The task's facts, or undefined when the text is not a task. */
export function readRegisteredTask(xml: string): RegisteredTask | undefined {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    return undefined;
  }
  const parsed = taskSchema.safeParse(document);
  if (!parsed.success) return undefined;
  const { Triggers, Settings, Principals } = parsed.data.Task;
  const triggers = typeof Triggers === 'object' ? triggerKinds.flatMap((kind) => Triggers[kind] ?? []) : [];
  const times = triggers.flatMap((trigger) => {
    const time = trigger.Enabled === 'false' ? undefined : /T(\d\d):(\d\d)/u.exec(trigger.StartBoundary ?? '');
    return time ? [`${time[1] ?? ''}:${time[2] ?? ''}`] : [];
  });
  return { times, enabled: Settings?.Enabled?.trim() !== 'false', userId: Principals?.Principal?.[0]?.UserId?.trim() };
}

import { useState, type ReactNode, type Ref } from 'react';

/**
 * A <details> whose content is rendered only once first opened (then kept, so nothing typed in it
 * is lost when it closes): a collapsed section costs nothing before the screen's first paint.
 */
export function LazyDetails({
  summary,
  className,
  ref,
  openNow,
  children,
}: {
  readonly summary: string;
  readonly className?: string;
  readonly ref?: Ref<HTMLDetailsElement>;
  /** Opened by the screen (a failure points at a field inside): rendered at once, in the same pass. */
  readonly openNow?: boolean;
  readonly children: ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className={className}
      ref={ref}
      open={openNow ? true : undefined}
      onToggle={(event) => event.currentTarget.open && setOpened(true)}
    >
      <summary>{summary}</summary>
      {(opened || openNow) && children}
    </details>
  );
}

import { useState, type ReactNode, type Ref } from 'react';

/**
 * A <details> whose content is rendered only once first opened (then kept, so nothing typed in it
 * is lost when it closes): a collapsed section costs nothing before the screen's first paint.
 */
export function LazyDetails({
  summary,
  className,
  ref,
  children,
}: {
  readonly summary: string;
  readonly className?: string;
  readonly ref?: Ref<HTMLDetailsElement>;
  readonly children: ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <details className={className} ref={ref} onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>{summary}</summary>
      {opened && children}
    </details>
  );
}

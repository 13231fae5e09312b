/** The main process's message for a value it refused, under the field it belongs to. */
export function FieldError({ id, message }: { readonly id: string; readonly message: string | undefined }) {
  return message ? (
    <p className="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

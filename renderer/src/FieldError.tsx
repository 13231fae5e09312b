import { frenchTypography as fr } from '../../common/french-typography';

/** The main process's message for a value it refused (or a test's, about this field), under the field it belongs to. */
export function FieldError({ id, message }: { readonly id: string; readonly message: string | undefined }) {
  return message ? (
    <p className="field-error" id={`${id}-error`}>
      {fr(message)}
    </p>
  ) : null;
}

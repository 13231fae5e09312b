import { frenchTypography as fr } from '../../common/french-typography';
import { FieldError } from './FieldError';
import type { Configuration, EditableField } from './useConfiguration';

interface Props {
  readonly configuration: Configuration;
  readonly field: EditableField;
  readonly label: string;
  readonly type?: 'text' | 'url' | 'number';
  readonly readOnly?: boolean;
  readonly placeholder?: string;
  readonly hint?: string;
  /** A test's failure about this field (a login or client id missing): marked like a refused value. */
  readonly failure?: string | undefined;
}

/** A label and a field saved as the user types, with its hint or the main process's refusal. */
export function TextField({ configuration, field, label, type = 'text', readOnly, placeholder, hint, failure }: Props) {
  const { errors, edit, saveNow, valueOf } = configuration;
  const error = errors[field] ?? failure;
  return (
    <>
      <label htmlFor={field}>{label}</label>
      <div>
        <input
          id={field}
          type={type}
          value={valueOf(field)}
          readOnly={readOnly}
          placeholder={placeholder}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${field}-error` : hint ? `${field}-hint` : undefined}
          onChange={(event) => edit(field, event.target.value)}
          onBlur={() => void saveNow(field)}
        />
        {hint && (
          <p className="hint" id={`${field}-hint`}>
            {fr(hint)}
          </p>
        )}
        <FieldError id={field} message={error} />
      </div>
    </>
  );
}

import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { readonly id: string };

/** A masked field with a show/hide toggle: Chorus Pro's passwords are pasted and must be checkable. */
export function PasswordInput(props: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <span className="password-input">
      <input {...props} type={visible ? 'text' : 'password'} autoComplete="off" spellCheck={false} />
      <button
        type="button"
        className="toggle"
        aria-controls={props.id}
        aria-pressed={visible}
        onClick={() => setVisible(!visible)}
      >
        {visible ? 'Masquer' : 'Afficher'}
      </button>
    </span>
  );
}

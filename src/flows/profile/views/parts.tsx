// Small shared pieces of the profile pages: the result message and the errors of one field.

export interface NoticeProps {
  kind: 'success' | 'error';
  text: string;
}

/** A result message: read out at once by screen readers (status for a success, alert for an error). */
export function Notice({ kind, text }: NoticeProps) {
  return (
    <p class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </p>
  );
}

/** The unmet rules of one field, referenced by the field's aria-describedby; nothing when there are none. */
export function FieldErrors({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul class="field-errors" id={id}>
      {errors.map((e) => (
        <li>{e}</li>
      ))}
    </ul>
  );
}

/** The class of a field's box: marked when the field has errors (src/http/assets/flows.css). */
export function fieldClass(invalid: boolean): string {
  return invalid ? 'field field-invalid' : 'field';
}

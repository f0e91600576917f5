import type { Child } from "hono/jsx";

export type FieldErrors = Partial<Record<string, string>>;

interface FieldProps {
  name: string;
  label: string;
  value?: string | null;
  type?: string;
  errors?: FieldErrors;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputmode?: "email" | "search" | "tel" | "text" | "url" | "none" | "numeric" | "decimal";
}

/** A labelled input with its error beside it, wired for screen readers. */
export function Field({ name, label, value, type = "text", errors, required, hint, autocomplete, inputmode }: FieldProps) {
  const error = errors?.[name];
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value ?? ""}
        required={required}
        autocomplete={autocomplete}
        inputmode={inputmode}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}

interface SelectProps {
  name: string;
  label: string;
  value?: string | null;
  options: readonly (readonly [string, string])[];
  errors?: FieldErrors;
}

export function Select({ name, label, value, options, errors }: SelectProps) {
  const error = errors?.[name];
  const id = `f-${name}`;
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {options.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  );
}

export function Notice({ children }: { children: Child }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

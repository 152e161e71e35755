/** A labelled text input whose value lives in the caller's form state. */
export function TextField({
  label,
  name,
  value,
  onChange,
  type = 'text',
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type={type}
        autoComplete={type === 'password' ? 'new-password' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

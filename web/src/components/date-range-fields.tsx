import { FieldMessage } from './field-message';

/** `from` and `to` date inputs, each with the server's refusal beside it. */
export function DateRangeFields(props: {
  from: string;
  to: string;
  onFrom: (v: string) => void;
  onTo: (v: string) => void;
  error: unknown;
  labels: { from: string; to: string };
}) {
  return (
    <>
      <label>
        {props.labels.from}
        <input
          name="from"
          type="date"
          value={props.from}
          onChange={(e) => props.onFrom(e.target.value)}
        />
        <FieldMessage error={props.error} prefix="from" />
      </label>
      <label>
        {props.labels.to}
        <input
          name="to"
          type="date"
          value={props.to}
          onChange={(e) => props.onTo(e.target.value)}
        />
        <FieldMessage error={props.error} prefix="to" />
      </label>
    </>
  );
}

import { FormEvent, useState } from 'react';
import { BatchResult, upload } from '../api';
import { FieldErrors } from '../components/field-errors';
import { useUi } from '../ui';

/** How far an upload is, and what it answered or why it was refused. */
interface Progress<T> {
  share: number | null;
  result: T | null;
  error: unknown;
}
const IDLE = { share: null, result: null, error: null };

/** Runs one upload at a time per form, showing its progress, answer or refusal. */
function useUpload<T>() {
  const [state, setState] = useState<Progress<T>>(IDLE);
  const run = async (send: (onProgress: (share: number) => void) => Promise<T>) => {
    setState({ ...IDLE, share: 0 });
    try {
      const result = await send((share) => setState((s) => ({ ...s, share })));
      setState({ share: 1, result, error: null });
    } catch (error) {
      setState({ share: null, result: null, error });
    }
  };
  return [state, run] as const;
}

/** A JSON array, one JSON call, or NDJSON: each goes to the batch endpoint as it is. */
function batchBody(text: string): { body: string; type: string } {
  try {
    const parsed = JSON.parse(text) as unknown;
    return {
      body: JSON.stringify(Array.isArray(parsed) ? parsed : [parsed]),
      type: 'application/json',
    };
  } catch {
    return { body: text, type: 'application/x-ndjson' };
  }
}

function UploadProgress({ share }: { share: number | null }) {
  if (share === null) return null;
  return <progress data-testid="upload-progress" max={1} value={share} />;
}

function BatchSummary({ result }: { result: BatchResult | null }) {
  const { t } = useUi();
  if (!result) return null;
  const refused = result.results.filter((r) => r.status === 'rejected');
  return (
    <div className="ok" data-testid="batch-result">
      <p>
        {t('accepted')} {result.accepted} · {t('duplicate')} {result.duplicate} · {t('rejected')}{' '}
        {result.rejected}
      </p>
      {refused.length > 0 && (
        <ul className="error">
          {refused.map((r) => (
            <li key={r.index} data-rejected={r.index}>
              #{r.line ?? r.index + 1} {r.callId ?? ''}:{' '}
              {(r.errors ?? []).map((e) => `${e.path} ${e.message}`).join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** QA staff, leads and admins bring calls in from the browser: files of calls, PBX records, audio. */
export function CallsUploadPage() {
  const { t } = useUi();
  const [calls, sendCalls] = useUpload<BatchResult>();
  const [pbx, sendPbx] = useUpload<BatchResult>();
  const [audio, sendAudio] = useUpload<{ callId: string }>();
  const [pbxKind, setPbxKind] = useState('asterisk');
  const [callId, setCallId] = useState('');

  const fileOf = (e: FormEvent, name: string) =>
    (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>(`input[name=${name}]`)
      ?.files?.[0];

  const submitCalls = (e: FormEvent) => {
    e.preventDefault();
    const file = fileOf(e, 'calls');
    if (!file) return;
    void sendCalls(async (onProgress) => {
      const { body, type } = batchBody(await file.text());
      return upload<BatchResult>('/api/v1/calls/batch', body, onProgress, type);
    });
  };
  const submitPbx = (e: FormEvent) => {
    e.preventDefault();
    const form = new FormData();
    for (const name of ['cdr', 'transcripts', 'cel']) {
      const file = fileOf(e, name);
      if (file) form.append(name, file);
    }
    void sendPbx((onProgress) =>
      upload<BatchResult>(`/api/v1/calls/import/${pbxKind}`, form, onProgress),
    );
  };
  const submitAudio = (e: FormEvent) => {
    e.preventDefault();
    const file = fileOf(e, 'recording');
    const form = new FormData();
    if (file) form.append('recording', file);
    void sendAudio((onProgress) =>
      upload(`/api/v1/calls/${encodeURIComponent(callId.trim())}/recording`, form, onProgress),
    );
  };

  return (
    <section className="calls-upload">
      <h1>{t('uploadCalls')}</h1>
      <h2>{t('callsFile')}</h2>
      <p className="hint">{t('callsFileHint')}</p>
      <form className="filters" onSubmit={submitCalls} data-testid="calls-form">
        <input name="calls" type="file" accept=".json,.ndjson,.jsonl,application/json" />
        <button type="submit">{t('upload')}</button>
      </form>
      <UploadProgress share={calls.share} />
      <FieldErrors error={calls.error} />
      <BatchSummary result={calls.result} />

      <h2>{t('pbxRecords')}</h2>
      <form className="filters" onSubmit={submitPbx} data-testid="pbx-form">
        <label>
          {t('pbxKind')}
          <select name="kind" value={pbxKind} onChange={(e) => setPbxKind(e.target.value)}>
            <option value="asterisk">Asterisk (Master.csv)</option>
            <option value="freeswitch">FreeSWITCH (CSV / JSON)</option>
          </select>
        </label>
        <label>
          CDR
          <input name="cdr" type="file" />
        </label>
        <label>
          {t('transcripts')}
          <input name="transcripts" type="file" accept=".json,application/json" />
        </label>
        {pbxKind === 'asterisk' && (
          <label>
            CEL
            <input name="cel" type="file" />
          </label>
        )}
        <button type="submit">{t('upload')}</button>
      </form>
      <UploadProgress share={pbx.share} />
      <FieldErrors error={pbx.error} />
      <BatchSummary result={pbx.result} />

      <h2>{t('recording')}</h2>
      <form className="filters" onSubmit={submitAudio} data-testid="recording-form">
        <label>
          {t('callId')}
          <input name="callId" value={callId} onChange={(e) => setCallId(e.target.value)} />
        </label>
        <input name="recording" type="file" accept="audio/*" />
        <button type="submit">{t('upload')}</button>
      </form>
      <UploadProgress share={audio.share} />
      <FieldErrors error={audio.error} />
      {audio.result && (
        <p className="ok" data-testid="recording-result">
          {t('uploaded')}: {audio.result.callId}
        </p>
      )}
    </section>
  );
}

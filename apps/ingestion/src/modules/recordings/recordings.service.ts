import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Identity, ProblemError } from '@qa/platform';
import { CallError } from '../calls/calls.errors';
import { CallsRepository } from '../calls/calls.repository';
import { RecordingRow, RecordingsRepository } from './recordings.repository';

export const AUDIO_TYPES: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
};

function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => res(h.digest('hex')))
      .on('error', rej);
  });
}

@Injectable()
export class RecordingsService {
  private readonly root: string;

  constructor(
    config: ConfigService,
    private readonly calls: CallsRepository,
    private readonly recordings: RecordingsRepository,
  ) {
    this.root = resolve(config.getOrThrow<string>('RECORDINGS_DIR'));
  }

  /** Moves an uploaded temp file under RECORDINGS_DIR/<tenant>/ and records its checksum. */
  async store(
    identity: Identity,
    callId: string,
    file: Express.Multer.File | undefined,
  ): Promise<Omit<RecordingRow, 'path'>> {
    if (!file) {
      throw new ProblemError(
        400,
        'Invalid request',
        'send the audio as multipart field "recording"',
        [{ path: 'recording', message: 'file is required' }],
      );
    }
    try {
      const tenantId = identity.tenantId;
      const ext = AUDIO_TYPES[file.mimetype];
      if (!ext) {
        throw new ProblemError(
          415,
          'Unsupported media type',
          `${file.mimetype} is not an accepted audio type`,
          [{ path: 'recording', message: `must be one of ${Object.keys(AUDIO_TYPES).join(', ')}` }],
        );
      }
      if (tenantId === null || !(await this.calls.findOne(tenantId, callId)))
        throw CallError.notFound(callId);
      const dir = join(this.root, tenantId);
      await mkdir(dir, { recursive: true });
      const sha256 = await sha256File(file.path);
      const path = join(dir, `${encodeURIComponent(callId)}.${ext}`);
      await rename(file.path, path);
      const row = {
        tenantId,
        callId,
        path,
        contentType: file.mimetype,
        sizeBytes: file.size,
        sha256,
      };
      await this.recordings.upsert(row);
      return { tenantId, callId, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256 };
    } finally {
      await rm(file.path, { force: true });
    }
  }

  async find(identity: Identity, callId: string): Promise<RecordingRow> {
    const row =
      identity.tenantId === null ? null : await this.recordings.find(identity.tenantId, callId);
    if (!row) throw new ProblemError(404, 'Not found', `no recording for call ${callId}`);
    if (identity.role === 'agent') {
      const call = await this.calls.findOne(row.tenantId, callId);
      if (call?.agentId !== identity.agentId)
        throw new ProblemError(404, 'Not found', `no recording for call ${callId}`);
    }
    return row;
  }
}

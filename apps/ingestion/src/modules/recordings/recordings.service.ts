import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Identity, tenantOf } from '@qa/platform';
import { CallError } from '../calls/calls.errors';
import { CallsRepository } from '../calls/calls.repository';
import { ID_PATTERN } from '../calls/dto/text-rules';
import { AUDIO_TYPES, SNIFF_BYTES, sniffAudio, TYPE_OF, UNTYPED } from './audio-type';
import { RecordingRow, RecordingsRepository } from './recordings.repository';
import type { RecordingResponseDto } from './dto/recording.response.dto';

function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => res(h.digest('hex')))
      .on('error', rej);
  });
}

async function head(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Upload metadata as multer hands it over (the file itself is already on disk). */
export interface UploadedAudio {
  path: string;
  mimetype: string;
  size: number;
}

@Injectable()
export class RecordingsService {
  private readonly logger = new Logger(RecordingsService.name);
  private readonly root: string;

  constructor(
    config: ConfigService,
    private readonly calls: CallsRepository,
    private readonly recordings: RecordingsRepository,
  ) {
    this.root = resolve(config.getOrThrow<string>('RECORDINGS_DIR'));
  }

  /**
   * Checks the claimed type and the bytes themselves, then moves the upload under
   * RECORDINGS_DIR/<tenant>/ and records its sha256. The temp file never outlives the request.
   */
  async store(
    identity: Identity,
    callId: string,
    file: UploadedAudio | undefined,
  ): Promise<RecordingResponseDto> {
    if (!file) throw CallError.recordingRequired();
    try {
      const claimed = file.mimetype.split(';')[0].trim().toLowerCase();
      const sniffed = UNTYPED.has(claimed) ? sniffAudio(await head(file.path)) : null;
      const type = sniffed ? TYPE_OF[sniffed] : claimed;
      const ext = AUDIO_TYPES[type];
      const accepted = Object.keys(AUDIO_TYPES);
      if (!ext) throw CallError.recordingType(`${type} is not an accepted audio type`, accepted);
      if (sniffAudio(await head(file.path)) !== ext)
        throw CallError.recordingType(`the file's content is not ${type}`, accepted);
      const tenantId = tenantOf(identity);
      if (!ID_PATTERN.test(callId) || !(await this.calls.findOne(tenantId, callId)))
        throw CallError.notFound(callId);
      const sha256 = await sha256File(file.path);
      const dir = join(this.root, tenantId);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${encodeURIComponent(callId)}.${ext}`);
      const previous = await this.recordings.find(tenantId, callId);
      await rename(file.path, path);
      await this.recordings.upsert({
        tenantId,
        callId,
        path,
        contentType: type,
        sizeBytes: file.size,
        sha256,
      });
      if (previous && previous.path !== path) await rm(previous.path, { force: true });
      this.logger.log({ tenantId, callId, sizeBytes: file.size }, 'recording stored');
      return { callId, contentType: type, sizeBytes: file.size, sha256 };
    } finally {
      await rm(file.path, { force: true });
    }
  }

  /** The recording row and its size on disk; agents reach only recordings of their own calls. */
  async find(identity: Identity, callId: string): Promise<RecordingRow> {
    const tenantId = tenantOf(identity);
    const row = ID_PATTERN.test(callId) ? await this.recordings.find(tenantId, callId) : null;
    if (!row) throw CallError.recordingNotFound(callId);
    if (identity.role === 'agent') {
      const call = await this.calls.findOne(row.tenantId, callId);
      if (call?.agentId !== identity.agentId) throw CallError.recordingNotFound(callId);
    }
    try {
      return { ...row, sizeBytes: (await stat(row.path)).size };
    } catch {
      this.logger.error({ tenantId: row.tenantId, callId }, 'recording file missing on disk');
      throw CallError.recordingNotFound(callId);
    }
  }
}

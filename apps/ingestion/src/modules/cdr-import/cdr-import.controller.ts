import { Body, Controller, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, ProblemError, Roles, TraceId } from '@qa/platform';
import { memoryStorage } from 'multer';
import { CallsService } from '../calls/calls.service';
import { cdrToCall, parseCsv, toCdrRecord, TranscriptSegment } from './asterisk-cdr';

const MAX_BYTES = 64 * 1024 * 1024;

@ApiTags('calls')
@Controller('api/v1/calls/import')
export class CdrImportController {
  constructor(private readonly calls: CallsService) {}

  /**
   * Asterisk Master.csv (multipart field `cdr`) and optionally a JSON object of transcripts keyed
   * by uniqueid (field `transcripts`); `utcOffset` is the PBX's clock offset (default +08:00).
   * Answers like the batch endpoint, with `line` numbers.
   */
  @Post('asterisk')
  @HttpCode(200)
  @Roles('platform_admin', 'admin', 'qa', 'lead')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'cdr', maxCount: 1 },
        { name: 'transcripts', maxCount: 1 },
      ],
      { storage: memoryStorage(), limits: { fileSize: MAX_BYTES, files: 2 } },
    ),
  )
  async asterisk(
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
    @UploadedFiles()
    files: { cdr?: Express.Multer.File[]; transcripts?: Express.Multer.File[] } = {},
    @Body('utcOffset') utcOffset = '+08:00',
  ) {
    const cdr = files.cdr?.[0];
    if (!cdr)
      throw new ProblemError(400, 'Invalid request', 'send Master.csv as multipart field "cdr"', [
        { path: 'cdr', message: 'file is required' },
      ]);
    if (!/^[+-]\d{2}:\d{2}$/.test(utcOffset)) {
      throw new ProblemError(400, 'Invalid request', 'utcOffset must look like +08:00', [
        { path: 'utcOffset', message: 'must be ±HH:MM' },
      ]);
    }
    let transcripts: Record<string, TranscriptSegment[]> | undefined;
    if (files.transcripts?.[0]) {
      try {
        transcripts = JSON.parse(files.transcripts[0].buffer.toString('utf8')) as Record<
          string,
          TranscriptSegment[]
        >;
      } catch {
        throw new ProblemError(
          400,
          'Invalid request',
          'transcripts must be a JSON object keyed by uniqueid',
          [{ path: 'transcripts', message: 'not JSON' }],
        );
      }
    }
    const tenantId = identity.tenantId;
    if (tenantId === null) throw new ProblemError(404, 'Not found', 'no calls outside a tenant');
    const rows = parseCsv(cdr.buffer.toString('utf8'));
    const items = rows.map((fields) => {
      const rec = toCdrRecord(fields);
      return typeof rec === 'string'
        ? { ok: false as const, errors: [{ path: '', message: rec }] }
        : { ok: true as const, value: cdrToCall(rec, { tenantId, utcOffset, transcripts }) };
    });
    const result = await this.calls.ingestBatch(identity, items, traceId);
    return { ...result, results: result.results.map((r) => ({ ...r, line: r.index + 1 })) };
  }
}

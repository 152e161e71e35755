import { Body, Controller, HttpCode, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles, TraceId } from '@qa/platform';
import { memoryStorage } from 'multer';
import { BatchResultResponseDto } from '../calls/dto/batch-result.response.dto';
import { CallError } from '../calls/calls.errors';
import { WRITER_ROLES } from '../calls/writer-roles';
import { CdrImport, CdrImportService } from './cdr-import.service';

const MAX_BYTES = 64 * 1024 * 1024;

type CdrFiles = {
  cdr?: Express.Multer.File[];
  transcripts?: Express.Multer.File[];
  cel?: Express.Multer.File[];
};

const IMPORT_PROBLEMS = {
  400: 'no cdr part, a bad utcOffset, an unreadable transcripts or cel file (named, with lines), or not multipart',
  404: 'no tenant (the platform admin)',
  413: 'a part over 64 MiB, or too many parts',
};

const CdrFilesInterceptor = () =>
  FileFieldsInterceptor(
    [
      { name: 'cdr', maxCount: 1 },
      { name: 'transcripts', maxCount: 1 },
      { name: 'cel', maxCount: 1 },
    ],
    { storage: memoryStorage(), limits: { fileSize: MAX_BYTES, files: 3, fields: 5 } },
  );

function input(files: CdrFiles, utcOffset: unknown): CdrImport {
  const cdr = files.cdr?.[0];
  if (!cdr) {
    throw CallError.importInvalid('send the call records as multipart field "cdr"', [
      { path: 'cdr', message: 'file is required' },
    ]);
  }
  if (utcOffset !== undefined && typeof utcOffset !== 'string') {
    throw CallError.importInvalid('utcOffset must be a single value', [
      { path: 'utcOffset', message: 'must be ±HH:MM or a zone such as Asia/Shanghai' },
    ]);
  }
  return {
    cdr: cdr.buffer,
    transcripts: files.transcripts?.[0]?.buffer,
    cel: files.cel?.[0]?.buffer,
    zone: utcOffset || undefined,
  };
}

@ApiTags('calls')
@Controller('api/v1/calls/import')
export class CdrImportController {
  constructor(private readonly imports: CdrImportService) {}

  /**
   * Multipart: `cdr` (Asterisk Master.csv), optionally `transcripts` (JSON keyed by uniqueid),
   * `cel` (CEL HANGUP events, cel_custom CSV or JSON: who hung up) and `utcOffset` (the PBX clock,
   * +08:00 or an IANA zone; default the tenant's timezone). Answers like the batch endpoint, each
   * result with its CSV `line`.
   */
  @Post('asterisk')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiConsumes('multipart/form-data')
  @ApiResponse({ status: 200, type: BatchResultResponseDto })
  @ApiProblems(IMPORT_PROBLEMS)
  @UseInterceptors(CdrFilesInterceptor())
  asterisk(
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
    @UploadedFiles() files: CdrFiles = {},
    @Body('utcOffset') utcOffset?: unknown,
  ): Promise<BatchResultResponseDto> {
    return this.imports.importCdr(identity, 'asterisk', input(files, utcOffset), traceId);
  }

  /**
   * Multipart: `cdr` (FreeSWITCH mod_cdr_csv with the default template, or mod_json_cdr records:
   * one object, an array or one per line), optionally `transcripts` (JSON keyed by uuid) and
   * `utcOffset` (the clock of the CSV stamps; JSON epochs are exact). Answers like the batch
   * endpoint, each result with its line (CSV) or position (JSON).
   */
  @Post('freeswitch')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiConsumes('multipart/form-data')
  @ApiResponse({ status: 200, type: BatchResultResponseDto })
  @ApiProblems(IMPORT_PROBLEMS)
  @UseInterceptors(CdrFilesInterceptor())
  freeswitch(
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
    @UploadedFiles() files: CdrFiles = {},
    @Body('utcOffset') utcOffset?: unknown,
  ): Promise<BatchResultResponseDto> {
    return this.imports.importCdr(identity, 'freeswitch', input(files, utcOffset), traceId);
  }
}

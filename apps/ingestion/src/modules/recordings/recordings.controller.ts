import { createReadStream } from 'node:fs';
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, PROBLEM_JSON, Roles } from '@qa/platform';
import type { Response } from 'express';
import { WRITER_ROLES } from '../calls/writer-roles';
import { parseRange } from './byte-range';
import { RecordingResponseDto } from './dto/recording.response.dto';
import { RecordingsService } from './recordings.service';

@ApiTags('calls')
@Controller('api/v1/calls/:callId/recording')
export class RecordingsController {
  private readonly logger = new Logger(RecordingsController.name);

  constructor(private readonly recordings: RecordingsService) {}

  /** Multipart field `recording`: audio/wav, mpeg, ogg or webm, up to RECORDINGS_MAX_BYTES. */
  @Post()
  @HttpCode(201)
  @Roles(...WRITER_ROLES)
  @ApiConsumes('multipart/form-data')
  @ApiResponse({ status: 201, type: RecordingResponseDto })
  @UseInterceptors(FileInterceptor('recording'))
  upload(
    @CurrentIdentity() identity: Identity,
    @Param('callId') callId: string,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<RecordingResponseDto> {
    return this.recordings.store(identity, callId, file);
  }

  /** Serves the audio with HTTP Range (one range) so the review page's player can seek. */
  @Get()
  async download(
    @CurrentIdentity() identity: Identity,
    @Param('callId') callId: string,
    @Headers('range') range: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const rec = await this.recordings.find(identity, callId);
    const r = parseRange(range, rec.sizeBytes);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', `"${rec.sha256}"`);
    res.setHeader('Cache-Control', 'private, max-age=0');
    if (r.kind === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${rec.sizeBytes}`);
      res.type(PROBLEM_JSON).send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Range not satisfiable',
          status: 416,
          detail: `send one range within the recording's ${rec.sizeBytes} bytes, e.g. bytes=0-1023`,
        }),
      );
      return;
    }
    const [start, end] = r.kind === 'partial' ? [r.start, r.end] : [0, rec.sizeBytes - 1];
    res.status(r.kind === 'partial' ? 206 : 200);
    res.setHeader('Content-Type', rec.contentType);
    if (r.kind === 'partial')
      res.setHeader('Content-Range', `bytes ${start}-${end}/${rec.sizeBytes}`);
    res.setHeader('Content-Length', String(end - start + 1));
    if (rec.sizeBytes === 0) {
      res.end();
      return;
    }
    createReadStream(rec.path, { start, end })
      .on('error', (err) => {
        this.logger.error({ callId, err: err.message }, 'reading the recording failed');
        res.destroy(err);
      })
      .pipe(res);
  }
}

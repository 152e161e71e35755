import { createReadStream } from 'node:fs';
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, PROBLEM_JSON, Roles } from '@qa/platform';
import type { Response } from 'express';
import { parseRange } from './byte-range';
import { RecordingsService } from './recordings.service';

@ApiTags('calls')
@Controller('api/v1/calls/:callId/recording')
export class RecordingsController {
  constructor(private readonly recordings: RecordingsService) {}

  @Post()
  @HttpCode(201)
  @Roles('platform_admin', 'admin', 'qa', 'lead')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('recording'))
  upload(
    @CurrentIdentity() identity: Identity,
    @Param('callId') callId: string,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.recordings.store(identity, callId, file);
  }

  /** Serves the audio with HTTP Range so the player can seek. */
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
    res.setHeader('Content-Type', rec.contentType);
    if (r.kind === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${rec.sizeBytes}`);
      res.type(PROBLEM_JSON).send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Range not satisfiable',
          status: 416,
          detail: `the recording has ${rec.sizeBytes} bytes`,
        }),
      );
      return;
    }
    const [start, end] = r.kind === 'partial' ? [r.start, r.end] : [0, rec.sizeBytes - 1];
    res.status(r.kind === 'partial' ? 206 : 200);
    if (r.kind === 'partial')
      res.setHeader('Content-Range', `bytes ${start}-${end}/${rec.sizeBytes}`);
    res.setHeader('Content-Length', String(end - start + 1));
    createReadStream(rec.path, { start, end }).pipe(res);
  }
}

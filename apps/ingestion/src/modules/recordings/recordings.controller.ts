import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import {
  Controller,
  Get,
  HttpCode,
  Logger,
  Param,
  Post,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, PROBLEM_JSON, Roles } from '@qa/platform';
import type { Request, Response } from 'express';
import { WRITER_ROLES } from '../calls/writer-roles';
import { answerFor, ByteRange } from './byte-range';
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
  @ApiProblems({
    400: 'no recording part, or not multipart',
    404: 'no such call in the tenant',
    413: 'the recording is over RECORDINGS_MAX_BYTES',
    415: 'not wav, mp3, ogg or webm, or a claimed type the content does not match',
  })
  @UseInterceptors(FileInterceptor('recording'))
  upload(
    @CurrentIdentity() identity: Identity,
    @Param('callId') callId: string,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<RecordingResponseDto> {
    return this.recordings.store(identity, callId, file);
  }

  /**
   * Serves the audio for GET and HEAD with HTTP Range (one range, or several as
   * multipart/byteranges), If-Range (a stale validator gets the whole current file) and
   * If-None-Match (304), so the review page's player can seek and a download can resume safely.
   */
  @Get()
  @ApiResponse({ status: 200, description: 'the whole recording' })
  @ApiResponse({
    status: 206,
    description: 'the ranges asked for (multipart/byteranges if several)',
  })
  @ApiResponse({ status: 304, description: 'If-None-Match names the current recording' })
  @ApiProblems({
    404: 'no such call, or no recording for it',
    416: "the ranges lie outside the recording's bytes",
  })
  async download(
    @CurrentIdentity() identity: Identity,
    @Param('callId') callId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const rec = await this.recordings.find(identity, callId);
    const etag = `"${rec.sha256}"`;
    const answer = answerFor(
      {
        range: req.header('range'),
        ifRange: req.header('if-range'),
        ifNoneMatch: req.header('if-none-match'),
      },
      { etag, size: rec.sizeBytes },
    );
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=0');
    if (answer.status === 304) {
      res.status(304).end();
      return;
    }
    if (answer.status === 416) {
      res.status(416).setHeader('Content-Range', `bytes */${rec.sizeBytes}`);
      res.type(PROBLEM_JSON).send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Range not satisfiable',
          status: 416,
          detail: `send ranges within the recording's ${rec.sizeBytes} bytes, e.g. bytes=0-1023`,
        }),
      );
      return;
    }
    const ranges = answer.status === 206 ? answer.ranges : [{ start: 0, end: rec.sizeBytes - 1 }];
    const body =
      answer.status === 206 && ranges.length > 1
        ? multipartBody(ranges, rec.contentType, rec.sizeBytes)
        : undefined;
    res.status(answer.status);
    if (body) {
      res.setHeader('Content-Type', `multipart/byteranges; boundary=${body.boundary}`);
      res.setHeader('Content-Length', String(body.length));
    } else {
      res.setHeader('Content-Type', rec.contentType);
      if (answer.status === 206)
        res.setHeader(
          'Content-Range',
          `bytes ${ranges[0].start}-${ranges[0].end}/${rec.sizeBytes}`,
        );
      res.setHeader('Content-Length', String(Math.max(0, ranges[0].end - ranges[0].start + 1)));
    }
    if (req.method === 'HEAD' || rec.sizeBytes === 0) {
      res.end();
      return;
    }
    const parts = body?.parts ?? [{ head: '', ...ranges[0] }];
    void this.send(res, rec.path, parts, body?.tail ?? '').catch((err: Error) => {
      this.logger.error({ callId, err: err.message }, 'reading the recording failed');
      res.destroy(err);
    });
  }

  /** Writes each part's head and bytes in turn, respecting back-pressure. */
  private async send(res: Response, path: string, parts: Part[], tail: string): Promise<void> {
    for (const part of parts) {
      if (part.head) res.write(part.head);
      await pipeline(createReadStream(path, { start: part.start, end: part.end }), res, {
        end: false,
      });
    }
    res.end(tail);
  }
}

interface Part extends ByteRange {
  head: string;
}

/** RFC 9110 §14.6: each part with its own Content-Type and Content-Range; the length is exact. */
function multipartBody(ranges: ByteRange[], contentType: string, size: number) {
  const boundary = randomBytes(12).toString('hex');
  const parts: Part[] = ranges.map((r, i) => ({
    ...r,
    head:
      `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${contentType}\r\n` +
      `Content-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`,
  }));
  const tail = `\r\n--${boundary}--\r\n`;
  const length = parts.reduce(
    (n, p) => n + Buffer.byteLength(p.head) + p.end - p.start + 1,
    Buffer.byteLength(tail),
  );
  return { boundary, parts, tail, length };
}

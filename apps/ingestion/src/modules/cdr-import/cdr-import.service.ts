import { Injectable } from '@nestjs/common';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import type { ParsedItem } from '../calls/validation/batch-parsing';
import { CallError } from '../calls/calls.errors';
import { CallsService } from '../calls/calls.service';
import type { BatchResultResponseDto } from '../calls/dto/batch-result.response.dto';
import { TenantSettingsRepository } from '../tenants/tenant-settings.repository';
import { CelHangups, readCelHangups } from './asterisk-cel';
import { CdrFormat, readCdrFile } from './cdr-file';
import { isValidZone } from './pbx-time';

export interface CdrImport {
  /** Asterisk Master.csv; FreeSWITCH mod_cdr_csv or mod_json_cdr records. */
  cdr: Buffer;
  /** JSON object: uniqueid (Asterisk) or uuid (FreeSWITCH) → segments. */
  transcripts?: Buffer;
  /** Asterisk CEL (cel_custom CSV or JSON events): HANGUP events say who hung up. */
  cel?: Buffer;
  /** The PBX clock: +08:00 or an IANA zone; default the tenant's timezone. */
  zone?: string;
}

const DEFAULT_ZONE = 'Asia/Shanghai';

/** PBX call records → calls, through the same validation and store as the batch API. */
@Injectable()
export class CdrImportService {
  constructor(
    private readonly calls: CallsService,
    private readonly tenants: TenantSettingsRepository,
    private readonly dataSource: DataSource,
  ) {}

  async importCdr(
    identity: Identity,
    format: CdrFormat,
    input: CdrImport,
    traceId: string,
  ): Promise<BatchResultResponseDto> {
    const tenantId = tenantOf(identity);
    const tenantZone = (await this.tenants.get(this.dataSource.manager, tenantId))?.timezone;
    const zone = input.zone ?? (tenantZone && isValidZone(tenantZone) ? tenantZone : DEFAULT_ZONE);
    if (!isValidZone(zone)) {
      throw CallError.importInvalid('utcOffset must be like +08:00 or an IANA zone', [
        { path: 'utcOffset', message: 'must be ±HH:MM or a zone such as Asia/Shanghai' },
      ]);
    }
    const transcripts = input.transcripts ? parseTranscripts(input.transcripts) : undefined;
    const cel = input.cel ? parseCel(format, input.cel) : undefined;
    const rows = readCdrFile(format, input.cdr.toString('utf8'), {
      tenantId,
      zone,
      transcripts,
      cel,
    });
    if (rows.length === 0) {
      throw CallError.importInvalid('the CDR file has no rows', [
        { path: 'cdr', message: 'no CDR rows found' },
      ]);
    }
    const items: ParsedItem[] = rows.map((r) =>
      'problem' in r
        ? { ok: false, line: r.line, errors: [{ path: '', message: r.problem }] }
        : { ok: true, line: r.line, value: r.call },
    );
    return this.calls.ingestItems(identity, items, traceId);
  }
}

function parseTranscripts(buf: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw CallError.importInvalid('transcripts must be a JSON object keyed by uniqueid', [
      { path: 'transcripts', message: 'must be a JSON object: { "<uniqueid>": [segments] }' },
    ]);
  }
  return parsed as Record<string, unknown>;
}

/** A CEL file that cannot be read is refused whole, naming its lines: half a mapping misleads. */
function parseCel(format: CdrFormat, buf: Buffer): CelHangups {
  if (format !== 'asterisk') {
    throw CallError.importInvalid('cel is for Asterisk imports', [
      { path: 'cel', message: 'CEL events come with an Asterisk Master.csv' },
    ]);
  }
  const cel = readCelHangups(buf.toString('utf8'));
  if (cel.problems.length > 0) {
    throw CallError.importInvalid(
      'the CEL file has lines that cannot be read',
      cel.problems
        .slice(0, 20)
        .map((p) => ({ path: 'cel', message: `line ${p.line}: ${p.problem}` })),
    );
  }
  return cel;
}

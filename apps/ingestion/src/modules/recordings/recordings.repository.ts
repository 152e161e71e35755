import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RecordingRow {
  tenantId: string;
  callId: string;
  path: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

@Injectable()
export class RecordingsRepository {
  constructor(private readonly db: DataSource) {}

  async upsert(r: RecordingRow): Promise<void> {
    await this.db.query(
      `INSERT INTO ingestion.recordings (tenant_id, call_id, path, content_type, size_bytes, sha256)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, call_id) DO UPDATE SET path = EXCLUDED.path, content_type = EXCLUDED.content_type,
         size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, created_at = now()`,
      [r.tenantId, r.callId, r.path, r.contentType, r.sizeBytes, r.sha256],
    );
  }

  async find(tenantId: string, callId: string): Promise<RecordingRow | null> {
    const [row] = (await this.db.query(
      'SELECT path, content_type, size_bytes, sha256 FROM ingestion.recordings WHERE tenant_id = $1 AND call_id = $2',
      [tenantId, callId],
    )) as { path: string; content_type: string; size_bytes: string; sha256: string }[];
    return row
      ? {
          tenantId,
          callId,
          path: row.path,
          contentType: row.content_type,
          sizeBytes: Number(row.size_bytes),
          sha256: row.sha256,
        }
      : null;
  }
}

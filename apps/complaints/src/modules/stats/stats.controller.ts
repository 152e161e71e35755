import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { maskPii } from '@qa/pii';
import { ApiProblems, canSeePii, CurrentIdentity, Identity, Roles, tenantOf } from '@qa/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { SettingsRepository } from '../settings/settings.repository';
import { TicketError } from '../tickets/tickets.errors';
import { statsCsv } from './stats-csv';
import { STATS_DIMENSIONS, StatsDimension, StatsRepository } from './stats.repository';

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/;

export class StatsRequestDto {
  @ApiProperty({ description: 'YYYY-MM-DD (tenant local) or an ISO instant' })
  @Matches(DATE)
  from!: string;
  @ApiProperty({ description: 'inclusive when a date, exclusive when an instant' })
  @Matches(DATE)
  to!: string;
  @ApiProperty({ enum: STATS_DIMENSIONS }) @IsIn(STATS_DIMENSIONS) by!: StatsDimension;
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: string;
}

class StatsItemDto {
  @ApiProperty() key!: string;
  @ApiProperty() opened!: number;
  @ApiProperty() resolved!: number;
  @ApiProperty() closed!: number;
  @ApiProperty() reopened!: number;
  @ApiProperty() repeat!: number;
  @ApiProperty({ nullable: true, type: Number }) medianHoursToClose!: number | null;
  @ApiProperty({ nullable: true, type: Number }) onTimeCallbackRate!: number | null;
}

class StatsResponseDto {
  @ApiProperty({ type: [StatsItemDto] }) items!: StatsItemDto[];
}

/** 顾客投诉分类统计表: JSON, or CSV with ?format=csv or Accept: text/csv. */
@ApiTags('complaints')
@Controller('api/v1/complaints/stats')
export class StatsController {
  constructor(
    private readonly stats: StatsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  @Get()
  @Roles('admin', 'lead', 'qa', 'ops')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StatsResponseDto })
  @ApiProblems({ 400: 'bad period or dimension', 404: 'no tenant (platform admin)' })
  async get(
    @CurrentIdentity() identity: Identity,
    @Query() q: StatsRequestDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const tenantId = tenantOf(identity);
    const { settings } = await this.settings.get(tenantId);
    const offset = settings.calendar.utcOffsetMinutes * 60_000;
    const bound = (v: string, path: string, end: boolean) => {
      const at =
        v.length === 10
          ? Date.parse(`${v}T00:00:00Z`) - offset + (end ? 86_400_000 : 0)
          : Date.parse(v);
      if (Number.isNaN(at)) throw TicketError.invalid([{ path, message: 'not a date' }]);
      return new Date(at);
    };
    const rows = await this.stats.classify(
      tenantId,
      q.by,
      bound(q.from, 'from', false),
      bound(q.to, 'to', true),
    );
    // Root cause and department are free text: masked by the call view's rules like the ticket.
    const items = canSeePii(identity) ? rows : rows.map((r) => ({ ...r, key: maskPii(r.key) }));
    if (q.format === 'csv' || (q.format === undefined && accept?.includes('text/csv'))) {
      res.type('text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="complaints-by-${q.by}.csv"`);
      return statsCsv(items);
    }
    return { items };
  }
}

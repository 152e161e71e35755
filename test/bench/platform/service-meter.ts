import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface ServiceUsage {
  cpuSeconds: number;
  peakRssMB: number;
}

interface Proc {
  name: string;
  pid: number;
}

function cpuTicks(pid: number): number {
  // Fields after the parenthesised command: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

function rssKB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** The services `npm start` runs (pids in .run/pids) and the broker, read from /proc. */
export function platformProcesses(root: string): Proc[] {
  const run = process.env.QA_RUN_DIR ?? join(root, '.run');
  const out: Proc[] = [];
  for (const name of ['gateway', 'ingestion', 'scoring', 'complaints', 'kpi']) {
    const file = join(run, 'pids', `${name}.pid`);
    if (existsSync(file)) out.push({ name, pid: Number(readFileSync(file, 'utf8').trim()) });
  }
  const kafka = join(run, 'kafka', 'kafka.pid');
  if (existsSync(kafka))
    out.push({ name: 'kafka', pid: Number(readFileSync(kafka, 'utf8').trim()) });
  return [...out.filter((p) => existsSync(`/proc/${p.pid}`)), ...postgresBackends()];
}

/** Postgres backends serving the platform's database ("postgres: [15/main: ]user qa host …"). */
function postgresBackends(): Proc[] {
  const db = new URL(
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qa',
  ).pathname.slice(1);
  const title = new RegExp(`^postgres: (?:\\S+: )?\\S+ ${db} `);
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.test(cmd)) out.push({ name: `postgres:${entry}`, pid: Number(entry) });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/**
 * CPU seconds used and the highest RSS seen (sampled every 200 ms) per process over a phase.
 * The broker's pid changes when it restarts: it is re-read from its pid file.
 */
export class ServiceMeter {
  private readonly start = new Map<string, { pid: number; ticks: number }>();
  private readonly peak = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly root: string) {}

  begin(): void {
    for (const p of platformProcesses(this.root)) {
      this.start.set(p.name, { pid: p.pid, ticks: cpuTicks(p.pid) });
      if (!p.name.startsWith('postgres:')) this.peak.set(p.name, rssKB(p.pid));
    }
    this.timer = setInterval(() => this.sample(), 200);
  }

  private sample(): void {
    for (const p of platformProcesses(this.root)) {
      if (p.name.startsWith('postgres:')) continue;
      try {
        this.peak.set(p.name, Math.max(this.peak.get(p.name) ?? 0, rssKB(p.pid)));
      } catch {
        // The process ended between listing and reading.
      }
    }
  }

  /** Per service; the database's backends summed as "postgres" (their RSS is mostly shared). */
  end(): Record<string, ServiceUsage> {
    clearInterval(this.timer);
    this.sample();
    const out: Record<string, ServiceUsage> = {};
    let pgTicks = 0;
    for (const p of platformProcesses(this.root)) {
      const s = this.start.get(p.name);
      let ticks: number;
      try {
        ticks = cpuTicks(p.pid) - (s && s.pid === p.pid ? s.ticks : 0);
      } catch {
        continue;
      }
      if (p.name.startsWith('postgres:')) {
        pgTicks += ticks;
        continue;
      }
      out[p.name] = {
        cpuSeconds: Number((ticks / TICKS).toFixed(1)),
        peakRssMB: Math.round((this.peak.get(p.name) ?? 0) / 1024),
      };
    }
    out.postgres = { cpuSeconds: Number((pgTicks / TICKS).toFixed(1)), peakRssMB: Number.NaN };
    return out;
  }
}

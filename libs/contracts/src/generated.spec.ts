import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const committed = join(__dirname, 'generated');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('generated contracts', () => {
  it('match proto/ (run `npm run proto` after editing a .proto file)', () => {
    const base = mkdtempSync(join(tmpdir(), 'qa-proto-'));
    try {
      execFileSync('bash', [join(root, 'scripts', 'gen-proto.sh'), base], { stdio: 'pipe' });
      const fresh = join(base, 'libs', 'contracts', 'src', 'generated');
      const rel = (d: string) =>
        files(d)
          .map((f) => relative(d, f))
          .sort();
      expect(rel(committed)).toEqual(rel(fresh));
      for (const f of rel(fresh)) {
        expect({ file: f, text: readFileSync(join(committed, f), 'utf8') }).toEqual({
          file: f,
          text: readFileSync(join(fresh, f), 'utf8'),
        });
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

/**
 * Each user's current token version, read from the database at most once per TTL and updated at
 * once when this gateway raises it, so a logout here revokes immediately (other gateway
 * instances follow within the TTL).
 */
export class TokenVersions {
  private readonly known = new Map<string, { version: number | null; at: number }>();

  constructor(
    private readonly load: (userId: string) => Promise<number | null>,
    private readonly ttlMs = 5_000,
    private readonly capacity = 50_000,
  ) {}

  async current(userId: string, now = Date.now()): Promise<number | null> {
    const hit = this.known.get(userId);
    if (hit && now - hit.at < this.ttlMs) return hit.version;
    const version = await this.load(userId);
    this.set(userId, version, now);
    return version;
  }

  set(userId: string, version: number | null, now = Date.now()): void {
    if (this.known.size >= this.capacity) this.known.clear();
    this.known.set(userId, { version, at: now });
  }
}
